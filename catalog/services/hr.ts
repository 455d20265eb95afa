/** HR services: leave, sick leave, certificates and business trips. Fulfilled by the `hr` team. */
import type { ServiceInput } from '../../functions/domain/catalog/schema';

export const hrServices: ServiceInput[] = [
  {
    id: 'vacation',
    category: 'hr',
    title: { en: 'Vacation request', ru: 'Заявление на отпуск' },
    description: {
      en: 'Request annual, unpaid or study leave. Your manager approves the request, then HR issues the leave order and accounting calculates your vacation pay.',
      ru: 'Оформление ежегодного оплачиваемого, неоплачиваемого или учебного отпуска. Заявку согласует руководитель, после чего отдел персонала издаёт приказ, а бухгалтерия начисляет отпускные.',
    },
    keywords: {
      en: ['vacation', 'leave', 'holiday', 'time off', 'annual leave', 'unpaid leave', 'PTO'],
      ru: ['отпуск', 'заявление на отпуск', 'ежегодный отпуск', 'отпуск за свой счёт', 'отпускные', 'отдых'],
    },
    team: 'hr',
    summary: ['period', 'type'],
    fields: [
      {
        id: 'type',
        kind: 'select',
        label: { en: 'Type of leave', ru: 'Вид отпуска' },
        required: true,
        options: [
          { value: 'annual', label: { en: 'Annual paid leave', ru: 'Ежегодный оплачиваемый отпуск' } },
          { value: 'unpaid', label: { en: 'Unpaid leave', ru: 'Отпуск без сохранения заработной платы' } },
          { value: 'study', label: { en: 'Study leave', ru: 'Учебный отпуск' } },
        ],
      },
      {
        id: 'period',
        kind: 'dateRange',
        label: { en: 'Leave dates', ru: 'Даты отпуска' },
        help: {
          // The form adds the limit itself ("At most 28 days."): the help does not repeat it.
          en: 'Please apply at least two weeks before the first day of leave.',
          ru: 'Подайте заявку не позднее чем за две недели до начала отпуска.',
        },
        required: true,
        notInPast: true,
        maxDays: 28,
      },
      {
        id: 'institution',
        kind: 'text',
        label: { en: 'Educational institution', ru: 'Учебное заведение' },
        help: {
          en: 'Hand the original certificate of summons from your institution to HR.',
          ru: 'Оригинал справки-вызова из учебного заведения передайте в отдел персонала.',
        },
        required: true,
        maxLength: 300,
        showIf: { field: 'type', eq: 'study' },
      },
      {
        id: 'deputy',
        kind: 'user',
        label: { en: 'Deputy', ru: 'Замещающий сотрудник' },
        help: {
          en: 'Who decides for you while you are away.',
          ru: 'Кто принимает решения за вас на время вашего отсутствия.',
        },
      },
      {
        id: 'comment',
        kind: 'textarea',
        label: { en: 'Comment', ru: 'Комментарий' },
        maxLength: 2000,
        editableAfterApproval: true,
      },
    ],
    approvals: [
      {
        id: 'manager',
        title: { en: 'Manager approval', ru: 'Согласование руководителем' },
        approvers: ['manager'],
        mode: 'any',
        dueHours: 16,
      },
    ],
    absence: { periodField: 'period', deputyField: 'deputy' },
    sla: { responseHours: 4, resolutionHours: 16, calendar: 'ru-msk' },
  },
  {
    id: 'sick-leave',
    category: 'hr',
    title: { en: 'Sick leave notice', ru: 'Уведомление о больничном' },
    description: {
      en: 'Let HR and your manager know that you are on sick leave. Sick pay is calculated once the electronic sick leave certificate is closed.',
      ru: 'Сообщите отделу персонала и руководителю, что вы на больничном. Пособие рассчитывается после закрытия электронного листка нетрудоспособности.',
    },
    keywords: {
      en: ['sick leave', 'sick note', 'illness', 'medical certificate', 'sick pay'],
      ru: ['больничный', 'больничный лист', 'листок нетрудоспособности', 'ЭЛН', 'болезнь', 'пособие'],
    },
    team: 'hr',
    summary: ['period', 'reason'],
    fields: [
      {
        id: 'reason',
        kind: 'select',
        label: { en: 'Reason', ru: 'Причина' },
        required: true,
        options: [
          { value: 'own-illness', label: { en: 'Your own illness', ru: 'Болезнь сотрудника' } },
          {
            value: 'family-care',
            label: { en: 'Caring for a sick family member', ru: 'Уход за больным членом семьи' },
          },
        ],
      },
      {
        id: 'period',
        kind: 'dateRange',
        label: { en: 'Sick leave period', ru: 'Период нетрудоспособности' },
        help: {
          en: 'If the end date is not known yet, enter the expected one and update the request later.',
          ru: 'Если дата окончания пока неизвестна, укажите предполагаемую и уточните её позже.',
        },
        required: true,
        notInPast: false,
        maxDays: 120,
      },
      {
        id: 'certificateNumber',
        kind: 'text',
        label: { en: 'Sick leave certificate number', ru: 'Номер листка нетрудоспособности' },
        help: {
          en: 'The 12-digit number of the electronic certificate issued by the clinic.',
          ru: '12-значный номер электронного листка нетрудоспособности (ЭЛН), выданного в поликлинике.',
        },
        pattern: '^\\d{12}$',
        maxLength: 12,
      },
      {
        id: 'certificateWillFollow',
        kind: 'checkbox',
        label: {
          en: "I'll send the certificate number later",
          ru: 'Номер листка нетрудоспособности сообщу позже',
        },
      },
      {
        id: 'deputy',
        kind: 'user',
        label: { en: 'Deputy', ru: 'Замещающий сотрудник' },
        help: {
          en: 'Who handles your urgent work while you are ill.',
          ru: 'Кто занимается вашими срочными задачами на время болезни.',
        },
      },
      {
        id: 'comment',
        kind: 'textarea',
        label: { en: 'Comment', ru: 'Комментарий' },
        maxLength: 2000,
      },
    ],
    approvals: [],
    absence: { periodField: 'period', deputyField: 'deputy' },
    sla: { responseHours: 4, resolutionHours: 8, calendar: 'ru-msk' },
  },
  {
    id: 'employment-certificate',
    category: 'hr',
    title: { en: 'Employment certificate', ru: 'Справка с места работы' },
    description: {
      en: 'A certificate confirming your employment and position, with your salary if needed: for a bank, a visa application or other purposes.',
      ru: 'Справка, подтверждающая место работы и должность, при необходимости — с указанием заработной платы: для банка, визового центра или по другому месту требования.',
    },
    keywords: {
      en: ['certificate', 'employment letter', 'proof of employment', 'salary certificate', 'visa', 'bank', 'mortgage'],
      ru: ['справка', 'справка с места работы', 'справка о зарплате', 'виза', 'банк', 'ипотека', 'кредит'],
    },
    team: 'hr',
    summary: ['purpose', 'purposeOther', 'copies'],
    fields: [
      {
        id: 'purpose',
        kind: 'select',
        label: { en: 'Purpose', ru: 'Место требования' },
        required: true,
        options: [
          { value: 'bank', label: { en: 'Bank (loan, mortgage)', ru: 'Банк (кредит, ипотека)' } },
          { value: 'visa', label: { en: 'Visa application', ru: 'Оформление визы' } },
          { value: 'other', label: { en: 'Other', ru: 'Другое' } },
        ],
      },
      {
        id: 'purposeOther',
        kind: 'text',
        label: { en: 'Please specify', ru: 'Уточните место требования' },
        required: true,
        maxLength: 200,
        showIf: { field: 'purpose', eq: 'other' },
      },
      {
        id: 'includeSalary',
        kind: 'checkbox',
        label: {
          en: 'Include my salary for the last 6 months',
          ru: 'Указать размер заработной платы за последние 6 месяцев',
        },
      },
      {
        id: 'copies',
        kind: 'number',
        label: { en: 'Number of copies', ru: 'Количество экземпляров' },
        required: true,
        integer: true,
        min: 1,
        max: 5,
      },
      {
        id: 'language',
        kind: 'select',
        label: { en: 'Language', ru: 'Язык справки' },
        required: true,
        options: [
          { value: 'ru', label: { en: 'Russian', ru: 'Русский' } },
          { value: 'en', label: { en: 'English', ru: 'Английский' } },
        ],
      },
      {
        id: 'delivery',
        kind: 'select',
        label: { en: 'How to receive it', ru: 'Способ получения' },
        required: true,
        options: [
          {
            value: 'pickup',
            label: { en: 'Pick up the original at the HR office', ru: 'Забрать оригинал в отделе персонала' },
          },
          { value: 'email', label: { en: 'Scanned copy by email', ru: 'Скан-копия по электронной почте' } },
        ],
      },
    ],
    approvals: [],
    sla: { responseHours: 4, resolutionHours: 16, calendar: 'ru-msk' },
  },
  {
    id: 'business-trip',
    category: 'hr',
    title: { en: 'Business trip', ru: 'Командировка' },
    description: {
      en: 'Arrange a business trip: HR issues the travel order, the travel agency books tickets and a hotel, and accounting pays the per diem. Trips over 100,000 RUB also need the CFO’s approval.',
      ru: 'Оформление командировки: отдел персонала издаёт приказ, тревел-агентство бронирует билеты и гостиницу, бухгалтерия выплачивает суточные. Поездки с бюджетом свыше 100 000 ₽ дополнительно согласует финансовый директор.',
    },
    keywords: {
      en: ['business trip', 'travel', 'per diem', 'tickets', 'hotel', 'travel order'],
      ru: ['командировка', 'поездка', 'суточные', 'билеты', 'гостиница', 'приказ о командировке'],
    },
    team: 'hr',
    summary: ['city', 'period', 'budget'],
    fields: [
      {
        id: 'city',
        kind: 'text',
        label: { en: 'Destination city', ru: 'Город назначения' },
        required: true,
        maxLength: 100,
      },
      {
        id: 'period',
        kind: 'dateRange',
        label: { en: 'Trip dates', ru: 'Даты командировки' },
        required: true,
        notInPast: true,
        maxDays: 60,
      },
      {
        id: 'budget',
        kind: 'money',
        label: { en: 'Estimated budget', ru: 'Планируемый бюджет' },
        help: {
          en: 'Tickets, accommodation and per diem in total.',
          ru: 'Проезд, проживание и суточные в сумме.',
        },
        required: true,
        min: 0,
        max: 3_000_000,
        currencies: ['RUB'],
      },
      {
        id: 'goal',
        kind: 'textarea',
        label: { en: 'Purpose of the trip', ru: 'Цель командировки' },
        required: true,
        maxLength: 2000,
      },
      {
        id: 'bookingNeeded',
        kind: 'checkbox',
        label: {
          en: 'Book tickets and a hotel through the corporate travel agency',
          ru: 'Забронировать билеты и гостиницу через корпоративное тревел-агентство',
        },
      },
    ],
    approvals: [
      {
        id: 'manager',
        title: { en: 'Manager approval', ru: 'Согласование руководителем' },
        approvers: ['manager'],
        mode: 'any',
        dueHours: 8,
      },
      {
        id: 'finance',
        title: { en: 'CFO approval', ru: 'Согласование финансовым директором' },
        approvers: ['role:cfo'],
        mode: 'any',
        when: { field: 'budget', gt: 100_000 },
        dueHours: 16,
      },
    ],
    sla: { responseHours: 4, resolutionHours: 24, calendar: 'ru-msk' },
  },
];
