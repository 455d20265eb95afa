/** Finance services: expense reimbursement and payments to counterparties. Fulfilled by accounting (`finance`). */
import type { ServiceInput } from '../../functions/domain/catalog/schema';

export const financeServices: ServiceInput[] = [
  {
    id: 'expense-refund',
    category: 'finance',
    title: { en: 'Expense reimbursement', ru: 'Возмещение расходов' },
    description: {
      en: 'Get reimbursed for business expenses you paid yourself. Your manager approves the request; amounts over 50,000 RUB are also checked by the chief accountant.',
      ru: 'Возмещение расходов, которые вы оплатили из личных средств в интересах компании. Заявку согласует руководитель; суммы свыше 50 000 ₽ дополнительно проверяет главный бухгалтер.',
    },
    keywords: {
      en: ['expense', 'reimbursement', 'refund', 'receipt', 'expense report', 'out of pocket'],
      ru: ['возмещение', 'компенсация расходов', 'авансовый отчёт', 'чек', 'расходы', 'вернуть деньги'],
    },
    team: 'finance',
    fields: [
      {
        id: 'amount',
        kind: 'money',
        label: { en: 'Amount', ru: 'Сумма' },
        required: true,
        min: 0,
        max: 1_000_000,
        currencies: ['RUB'],
      },
      {
        id: 'spentOn',
        kind: 'date',
        label: { en: 'Date of expense', ru: 'Дата расхода' },
        required: true,
        notInPast: false,
      },
      {
        id: 'category',
        kind: 'select',
        label: { en: 'Expense category', ru: 'Статья расходов' },
        required: true,
        options: [
          { value: 'travel', label: { en: 'Travel', ru: 'Командировочные расходы' } },
          { value: 'transport', label: { en: 'Taxi and local transport', ru: 'Такси и городской транспорт' } },
          { value: 'entertainment', label: { en: 'Client entertainment', ru: 'Представительские расходы' } },
          { value: 'supplies', label: { en: 'Office supplies', ru: 'Канцелярские и расходные материалы' } },
          { value: 'training', label: { en: 'Training and conferences', ru: 'Обучение и конференции' } },
          { value: 'other', label: { en: 'Other', ru: 'Прочее' } },
        ],
      },
      {
        id: 'description',
        kind: 'textarea',
        label: { en: 'What was it for', ru: 'Описание расхода' },
        help: {
          en: 'Business purpose, and for client entertainment the participants.',
          ru: 'Производственная цель расхода; для представительских расходов — участники встречи.',
        },
        required: true,
        maxLength: 2000,
      },
      {
        id: 'receiptsKept',
        kind: 'checkbox',
        label: {
          en: 'I have the original receipts and will hand them to accounting',
          ru: 'Оригиналы чеков у меня, я передам их в бухгалтерию',
        },
        required: true,
        mustBeTrue: true,
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
      {
        id: 'accounting',
        title: { en: 'Chief accountant review', ru: 'Проверка главным бухгалтером' },
        approvers: ['role:chief-accountant'],
        mode: 'any',
        when: { field: 'amount', gt: 50_000 },
        dueHours: 16,
      },
    ],
    sla: { responseHours: 8, resolutionHours: 40, calendar: 'ru-msk' },
  },
  {
    id: 'payment-request',
    category: 'finance',
    title: { en: 'Payment request', ru: 'Заявка на оплату' },
    description: {
      en: 'Ask accounting to pay a supplier invoice. Your manager approves the payment; payments over 100,000 RUB also need the CFO’s approval.',
      ru: 'Заявка на оплату счёта поставщика. Платёж согласует руководитель; платежи свыше 100 000 ₽ дополнительно согласует финансовый директор.',
    },
    keywords: {
      en: ['payment', 'invoice', 'pay supplier', 'bank transfer', 'accounts payable'],
      ru: ['оплата', 'счёт', 'оплатить счёт', 'платёж', 'платёжное поручение', 'поставщик'],
    },
    team: 'finance',
    fields: [
      {
        id: 'counterparty',
        kind: 'text',
        label: { en: 'Counterparty', ru: 'Контрагент' },
        help: { en: 'Full legal name of the payee.', ru: 'Полное наименование получателя платежа.' },
        required: true,
        maxLength: 300,
      },
      {
        id: 'inn',
        kind: 'text',
        label: { en: 'Counterparty tax ID (INN)', ru: 'ИНН контрагента' },
        help: {
          en: '10 digits for a company, 12 digits for a sole proprietor.',
          ru: '10 цифр для организации, 12 цифр для индивидуального предпринимателя.',
        },
        required: true,
        minLength: 10,
        maxLength: 12,
        pattern: '^\\d{10}(\\d{2})?$',
      },
      {
        id: 'invoiceNumber',
        kind: 'text',
        label: { en: 'Invoice number and date', ru: 'Номер и дата счёта' },
        required: true,
        maxLength: 100,
      },
      {
        id: 'amount',
        kind: 'money',
        label: { en: 'Amount', ru: 'Сумма к оплате' },
        required: true,
        min: 0,
        currencies: ['RUB'],
      },
      {
        id: 'dueDate',
        kind: 'date',
        label: { en: 'Pay by', ru: 'Оплатить до' },
        required: true,
        notInPast: true,
      },
      {
        id: 'purpose',
        kind: 'textarea',
        label: { en: 'Payment purpose', ru: 'Назначение платежа' },
        required: true,
        maxLength: 1000,
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
        id: 'cfo',
        title: { en: 'CFO approval', ru: 'Согласование финансовым директором' },
        approvers: ['role:cfo'],
        mode: 'any',
        when: { field: 'amount', gt: 100_000 },
        dueHours: 16,
      },
    ],
    sla: { responseHours: 4, resolutionHours: 24, calendar: 'ru-msk' },
  },
];
