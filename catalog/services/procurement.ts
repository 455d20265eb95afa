/** Procurement services. Fulfilled by the `procurement` team. */
import type { ServiceInput } from '../../functions/domain/catalog/schema';

export const procurementServices: ServiceInput[] = [
  {
    id: 'purchase',
    category: 'procurement',
    title: { en: 'Purchase request', ru: 'Заявка на закупку' },
    description: {
      en: 'Ask procurement to buy goods or services: they request quotes, choose a supplier and place the order. Purchases over 100,000 RUB are approved by the CFO, over 1,000,000 RUB also by the CEO.',
      ru: 'Закупка товаров или услуг: отдел закупок запрашивает коммерческие предложения, выбирает поставщика и размещает заказ. Закупки свыше 100 000 ₽ согласует финансовый директор, свыше 1 000 000 ₽ — также генеральный директор.',
    },
    keywords: {
      en: ['purchase', 'buy', 'order', 'procurement', 'supplier', 'quote', 'goods'],
      ru: ['закупка', 'купить', 'заказ', 'поставщик', 'коммерческое предложение', 'товары', 'услуги'],
    },
    team: 'procurement',
    summary: ['item', 'amount'],
    fields: [
      {
        id: 'item',
        kind: 'text',
        label: { en: 'What to buy', ru: 'Что нужно закупить' },
        help: {
          en: 'Name, model or specification.',
          ru: 'Наименование, модель или технические требования.',
        },
        required: true,
        maxLength: 300,
      },
      {
        id: 'quantity',
        kind: 'number',
        label: { en: 'Quantity', ru: 'Количество' },
        required: true,
        integer: true,
        min: 1,
        max: 10_000,
      },
      {
        id: 'amount',
        kind: 'money',
        label: { en: 'Estimated total cost', ru: 'Ориентировочная общая стоимость' },
        required: true,
        min: 0,
        currencies: ['RUB'],
      },
      {
        id: 'supplier',
        kind: 'text',
        label: { en: 'Preferred supplier', ru: 'Предпочтительный поставщик' },
        maxLength: 300,
      },
      {
        id: 'neededBy',
        kind: 'date',
        label: { en: 'Needed by', ru: 'Требуемая дата поставки' },
        required: true,
        notInPast: true,
      },
      {
        id: 'justification',
        kind: 'textarea',
        label: { en: 'Justification', ru: 'Обоснование закупки' },
        editableAfterApproval: true,
        required: true,
        maxLength: 4000,
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
        id: 'finance',
        title: { en: 'CFO approval', ru: 'Согласование финансовым директором' },
        approvers: ['role:cfo'],
        mode: 'any',
        when: { field: 'amount', gt: 100_000 },
        dueHours: 16,
      },
      {
        id: 'ceo',
        title: { en: 'CEO approval', ru: 'Согласование генеральным директором' },
        approvers: ['role:ceo'],
        mode: 'any',
        when: { field: 'amount', gt: 1_000_000 },
        dueHours: 24,
      },
    ],
    sla: { responseHours: 8, resolutionHours: 40, calendar: 'ru-msk' },
    fulfilment: { separateFromApprovers: true },
  },
];
