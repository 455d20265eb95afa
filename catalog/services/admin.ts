/** Office administration services: passes, workplaces and courier delivery. Fulfilled by the `office` team. */
import type { ServiceInput } from '../../functions/domain/catalog/schema';

export const adminServices: ServiceInput[] = [
  {
    id: 'office-pass',
    category: 'admin',
    title: { en: 'Office pass', ru: 'Пропуск в офис' },
    description: {
      en: 'Order a permanent pass for an employee, replace a lost one or invite a guest to the office.',
      ru: 'Оформление постоянного пропуска сотрудника, замена утерянного пропуска или заказ гостевого пропуска для посетителя.',
    },
    keywords: {
      en: ['pass', 'badge', 'access card', 'guest', 'visitor', 'parking'],
      ru: ['пропуск', 'гостевой пропуск', 'бейдж', 'гость', 'посетитель', 'парковка'],
    },
    team: 'office',
    fields: [
      {
        id: 'passType',
        kind: 'select',
        label: { en: 'Pass type', ru: 'Вид пропуска' },
        required: true,
        options: [
          { value: 'permanent', label: { en: 'Permanent employee pass', ru: 'Постоянный пропуск сотрудника' } },
          { value: 'replacement', label: { en: 'Replacement of a lost pass', ru: 'Замена утерянного пропуска' } },
          { value: 'guest', label: { en: 'Guest pass', ru: 'Гостевой пропуск' } },
        ],
      },
      {
        id: 'employee',
        kind: 'user',
        label: { en: 'Employee', ru: 'Сотрудник' },
        help: {
          en: 'Leave empty if the pass is for you.',
          ru: 'Оставьте пустым, если пропуск нужен вам.',
        },
        showIf: { field: 'passType', in: ['permanent', 'replacement'] },
      },
      {
        id: 'guestName',
        kind: 'text',
        label: { en: 'Guest’s full name', ru: 'ФИО гостя' },
        required: true,
        maxLength: 200,
        showIf: { field: 'passType', eq: 'guest' },
      },
      {
        id: 'guestCompany',
        kind: 'text',
        label: { en: 'Guest’s company', ru: 'Организация гостя' },
        maxLength: 200,
        showIf: { field: 'passType', eq: 'guest' },
      },
      {
        id: 'visitDate',
        kind: 'date',
        label: { en: 'Visit date', ru: 'Дата визита' },
        required: true,
        notInPast: true,
        showIf: { field: 'passType', eq: 'guest' },
      },
      {
        id: 'carPlate',
        kind: 'text',
        label: { en: 'Car registration number', ru: 'Госномер автомобиля' },
        help: {
          en: 'Only if the guest needs a parking space.',
          ru: 'Только если гостю нужно парковочное место.',
        },
        maxLength: 20,
        showIf: { field: 'passType', eq: 'guest' },
      },
    ],
    approvals: [],
    sla: { responseHours: 2, resolutionHours: 8, calendar: 'ru-msk' },
    assignment: 'round-robin',
  },
  {
    id: 'workplace',
    category: 'admin',
    title: { en: 'Workplace request', ru: 'Заявка по рабочему месту' },
    description: {
      en: 'Move to another desk, set up a workplace for a new employee or report broken furniture or fittings.',
      ru: 'Переезд на другое рабочее место, организация рабочего места для нового сотрудника или ремонт мебели и оснащения.',
    },
    keywords: {
      en: ['workplace', 'desk', 'move', 'seat', 'furniture', 'repair', 'chair', 'new employee'],
      ru: ['рабочее место', 'стол', 'переезд', 'пересадка', 'мебель', 'ремонт', 'кресло', 'новый сотрудник'],
    },
    team: 'office',
    fields: [
      {
        id: 'requestType',
        kind: 'select',
        label: { en: 'Request type', ru: 'Тип заявки' },
        required: true,
        options: [
          { value: 'move', label: { en: 'Move to another desk', ru: 'Переезд на другое место' } },
          { value: 'new-desk', label: { en: 'Desk for a new employee', ru: 'Рабочее место для нового сотрудника' } },
          { value: 'repair', label: { en: 'Repair of furniture or fittings', ru: 'Ремонт мебели или оснащения' } },
        ],
      },
      {
        id: 'newEmployee',
        kind: 'user',
        label: { en: 'New employee', ru: 'Новый сотрудник' },
        help: {
          en: 'If the new employee is not in the directory yet, give their name in the description.',
          ru: 'Если нового сотрудника ещё нет в справочнике, укажите его ФИО в описании.',
        },
        showIf: { field: 'requestType', eq: 'new-desk' },
      },
      {
        id: 'startDate',
        kind: 'date',
        label: { en: 'First working day', ru: 'Первый рабочий день' },
        required: true,
        notInPast: true,
        showIf: { field: 'requestType', eq: 'new-desk' },
      },
      {
        id: 'location',
        kind: 'text',
        label: { en: 'Location', ru: 'Расположение' },
        help: { en: 'Floor, room and desk number.', ru: 'Этаж, кабинет и номер рабочего места.' },
        required: true,
        maxLength: 200,
      },
      {
        id: 'description',
        kind: 'textarea',
        label: { en: 'Description', ru: 'Описание' },
        required: true,
        maxLength: 2000,
      },
    ],
    approvals: [
      {
        id: 'manager',
        title: { en: 'Manager approval', ru: 'Согласование руководителем' },
        approvers: ['manager'],
        mode: 'any',
        when: { field: 'requestType', in: ['move', 'new-desk'] },
        dueHours: 16,
      },
    ],
    sla: { responseHours: 4, resolutionHours: 24, calendar: 'ru-msk' },
  },
  {
    id: 'courier',
    category: 'admin',
    title: { en: 'Courier delivery', ru: 'Курьерская доставка' },
    description: {
      en: 'Send documents or a parcel to a client, supplier or government office by courier.',
      ru: 'Доставка документов или посылки клиенту, поставщику или в государственный орган силами курьерской службы.',
    },
    keywords: {
      en: ['courier', 'delivery', 'documents', 'parcel', 'send', 'post'],
      ru: ['курьер', 'доставка', 'отправить документы', 'посылка', 'почта', 'оригиналы'],
    },
    team: 'office',
    fields: [
      {
        id: 'recipient',
        kind: 'text',
        label: { en: 'Recipient (company and contact person)', ru: 'Получатель (организация и контактное лицо)' },
        required: true,
        maxLength: 300,
      },
      {
        id: 'address',
        kind: 'text',
        label: { en: 'Delivery address', ru: 'Адрес доставки' },
        required: true,
        maxLength: 500,
      },
      {
        id: 'phone',
        kind: 'text',
        label: { en: 'Recipient’s phone', ru: 'Телефон получателя' },
        required: true,
        maxLength: 20,
        pattern: '^\\+?\\d[\\d ()-]{6,19}$',
      },
      {
        id: 'deliverBy',
        kind: 'date',
        label: { en: 'Deliver by', ru: 'Доставить до' },
        required: true,
        notInPast: true,
      },
      {
        id: 'urgent',
        kind: 'checkbox',
        label: { en: 'Urgent, same-day delivery', ru: 'Срочная доставка в день обращения' },
      },
      {
        id: 'contents',
        kind: 'textarea',
        label: { en: 'What to deliver', ru: 'Что нужно доставить' },
        help: {
          en: 'Documents or goods, number of envelopes or parcels, and whether signed originals must be brought back.',
          ru: 'Документы или товары, количество конвертов или посылок и нужно ли забрать подписанные оригиналы.',
        },
        required: true,
        maxLength: 2000,
      },
    ],
    approvals: [],
    sla: { responseHours: 2, resolutionHours: 16, calendar: 'ru-msk' },
  },
];
