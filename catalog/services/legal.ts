/** Legal services: contract review and NDAs. Fulfilled by the `legal` team. */
import type { ServiceInput } from '../../functions/domain/catalog/schema';

export const legalServices: ServiceInput[] = [
  {
    id: 'contract-review',
    category: 'legal',
    title: { en: 'Contract review', ru: 'Юридическая экспертиза договора' },
    description: {
      en: 'Send a contract or a counterparty’s draft for legal review. Contracts worth more than 5,000,000 RUB are approved jointly by the Head of Legal and the CFO.',
      ru: 'Юридическая проверка договора или проекта, полученного от контрагента. Договоры на сумму свыше 5 000 000 ₽ совместно согласуют руководитель юридического департамента и финансовый директор.',
    },
    keywords: {
      en: ['contract', 'agreement', 'legal review', 'approval', 'counterparty', 'terms'],
      ru: ['договор', 'согласование договора', 'юрист', 'проверка договора', 'контрагент', 'экспертиза'],
    },
    team: 'legal',
    summary: ['counterparty', 'contractType', 'value'],
    fields: [
      {
        id: 'counterparty',
        kind: 'text',
        label: { en: 'Counterparty', ru: 'Контрагент' },
        required: true,
        maxLength: 300,
      },
      {
        id: 'contractType',
        kind: 'select',
        label: { en: 'Contract type', ru: 'Вид договора' },
        required: true,
        options: [
          { value: 'supply', label: { en: 'Supply agreement', ru: 'Договор поставки' } },
          { value: 'services', label: { en: 'Services agreement', ru: 'Договор оказания услуг' } },
          { value: 'lease', label: { en: 'Lease agreement', ru: 'Договор аренды' } },
          { value: 'license', label: { en: 'License agreement', ru: 'Лицензионный договор' } },
          { value: 'other', label: { en: 'Other', ru: 'Иной договор' } },
        ],
      },
      {
        id: 'value',
        kind: 'money',
        label: { en: 'Contract value', ru: 'Сумма договора' },
        help: {
          en: 'Total value including VAT; enter 0 if the contract has no fixed price.',
          ru: 'Общая сумма с НДС; укажите 0, если цена договора не фиксирована.',
        },
        required: true,
        min: 0,
        currencies: ['RUB'],
      },
      {
        id: 'term',
        kind: 'dateRange',
        label: { en: 'Contract term', ru: 'Срок действия договора' },
      },
      {
        id: 'riskAreas',
        kind: 'multiselect',
        label: { en: 'Areas needing attention', ru: 'На что обратить внимание' },
        minItems: 0,
        options: [
          { value: 'liability', label: { en: 'Liability and penalties', ru: 'Ответственность и неустойки' } },
          { value: 'payment-terms', label: { en: 'Payment terms', ru: 'Порядок и сроки оплаты' } },
          { value: 'ip', label: { en: 'Intellectual property', ru: 'Интеллектуальная собственность' } },
          { value: 'personal-data', label: { en: 'Personal data', ru: 'Персональные данные' } },
          { value: 'confidentiality', label: { en: 'Confidentiality', ru: 'Конфиденциальность' } },
          { value: 'termination', label: { en: 'Termination', ru: 'Порядок расторжения' } },
        ],
      },
      {
        id: 'comments',
        kind: 'textarea',
        label: { en: 'Background and questions for the lawyer', ru: 'Суть сделки и вопросы юристу' },
        editableAfterApproval: true,
        help: {
          en: 'Send the draft to the legal team mailbox and mention its file name here.',
          ru: 'Направьте проект договора на почту юридической службы и укажите здесь название файла.',
        },
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
        id: 'legal-finance',
        title: {
          en: 'Head of Legal and CFO approval',
          ru: 'Согласование руководителем юридического департамента и финансовым директором',
        },
        approvers: ['team-lead:legal', 'role:cfo'],
        mode: 'all',
        when: { field: 'value', gt: 5_000_000 },
        dueHours: 24,
      },
    ],
    sla: { responseHours: 8, resolutionHours: 40, calendar: 'ru-msk' },
    assignment: 'manual',
  },
  {
    id: 'nda',
    category: 'legal',
    title: { en: 'Non-disclosure agreement (NDA)', ru: 'Соглашение о конфиденциальности (NDA)' },
    description: {
      en: 'Get an NDA prepared on the company template or have the counterparty’s draft reviewed before you share confidential information.',
      ru: 'Подготовка соглашения о неразглашении по типовой форме компании или проверка проекта контрагента до передачи конфиденциальной информации.',
    },
    keywords: {
      en: ['NDA', 'non-disclosure', 'confidentiality', 'confidential information'],
      ru: ['NDA', 'соглашение о неразглашении', 'конфиденциальность', 'коммерческая тайна'],
    },
    team: 'legal',
    summary: ['counterparty', 'ndaType'],
    fields: [
      {
        id: 'counterparty',
        kind: 'text',
        label: { en: 'Counterparty', ru: 'Контрагент' },
        required: true,
        maxLength: 300,
      },
      {
        id: 'contactEmail',
        kind: 'email',
        label: { en: 'Counterparty contact email', ru: 'Email контактного лица контрагента' },
        required: true,
      },
      {
        id: 'ndaType',
        kind: 'select',
        label: { en: 'Type of NDA', ru: 'Вид соглашения' },
        required: true,
        options: [
          { value: 'one-way', label: { en: 'One-way (we disclose)', ru: 'Одностороннее (информацию раскрываем мы)' } },
          { value: 'mutual', label: { en: 'Mutual', ru: 'Взаимное' } },
        ],
      },
      {
        id: 'purpose',
        kind: 'textarea',
        label: { en: 'Purpose of the information exchange', ru: 'Цель обмена информацией' },
        required: true,
        maxLength: 2000,
      },
      {
        id: 'counterpartyDraft',
        kind: 'checkbox',
        label: {
          en: 'The counterparty has sent its own draft',
          ru: 'Контрагент прислал свой проект соглашения',
        },
      },
      {
        id: 'draftNotes',
        kind: 'textarea',
        label: { en: 'What differs from our template', ru: 'Чем проект отличается от нашей типовой формы' },
        showIf: { field: 'counterpartyDraft', eq: true },
        maxLength: 2000,
      },
    ],
    approvals: [],
    sla: { responseHours: 4, resolutionHours: 16, calendar: 'ru-msk' },
  },
];
