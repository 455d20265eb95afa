/**
 * Every text a person reads from the API, in Russian and English. Parameters are `{name}`.
 */
import type { Locale, Localized } from './catalog/schema';

const messages = {
  required: { en: 'This field is required', ru: 'Обязательное поле' },
  notAString: { en: 'Must be text', ru: 'Ожидается текст' },
  tooShort: { en: 'Must be at least {min} characters', ru: 'Не короче {min} символов' },
  tooLong: { en: 'Must be at most {max} characters', ru: 'Не длиннее {max} символов' },
  badPattern: { en: 'Has an invalid format', ru: 'Неверный формат' },
  notANumber: { en: 'Must be a number', ru: 'Ожидается число' },
  notAnInteger: { en: 'Must be a whole number', ru: 'Ожидается целое число' },
  tooSmall: { en: 'Must be at least {min}', ru: 'Не меньше {min}' },
  tooBig: { en: 'Must be at most {max}', ru: 'Не больше {max}' },
  badCurrency: { en: 'Currency must be one of: {options}', ru: 'Валюта должна быть одной из: {options}' },
  notADate: { en: 'Must be a date (YYYY-MM-DD)', ru: 'Ожидается дата (ГГГГ-ММ-ДД)' },
  dateInPast: { en: 'Must not be in the past', ru: 'Дата не может быть в прошлом' },
  rangeReversed: { en: 'The end must not be before the start', ru: 'Окончание не может быть раньше начала' },
  rangeTooLong: { en: 'At most {max} days', ru: 'Не более {max} дней' },
  notAnOption: { en: 'Must be one of: {options}', ru: 'Допустимые значения: {options}' },
  duplicateOption: { en: 'Each option at most once', ru: 'Каждое значение не более одного раза' },
  tooFewItems: { en: 'Choose at least {min}', ru: 'Выберите не менее {min}' },
  tooManyItems: { en: 'Choose at most {max}', ru: 'Выберите не более {max}' },
  notABoolean: { en: 'Must be true or false', ru: 'Ожидается да или нет' },
  mustBeChecked: { en: 'Must be checked', ru: 'Нужно отметить' },
  notAnEmail: { en: 'Must be an e-mail address', ru: 'Ожидается адрес электронной почты' },
  unknownUser: { en: 'No such person in the directory', ru: 'Такого сотрудника нет в справочнике' },
  unknownField: { en: 'Unknown field', ru: 'Неизвестное поле' },
  hiddenField: { en: 'This field does not apply here', ru: 'Это поле здесь не заполняется' },
  serverOwned: {
    en: 'Set by the server; clients cannot set it',
    ru: 'Задаётся сервером; клиент не может его передавать',
  },
  invalidInput: { en: 'Invalid request', ru: 'Некорректный запрос' },
  formInvalid: { en: 'The form has errors', ru: 'В форме есть ошибки' },
  malformedJson: { en: 'The body is not valid JSON', ru: 'Тело запроса не является корректным JSON' },
  bodyNotObject: { en: 'The body must be a JSON object', ru: 'Тело запроса должно быть JSON-объектом' },
  invalidCharacters: {
    en: 'Contains characters that are not allowed (control characters or broken Unicode)',
    ru: 'Содержит недопустимые символы (управляющие символы или повреждённый Юникод)',
  },
  payloadTooLarge: { en: 'The body is larger than 256 KiB', ru: 'Тело запроса больше 256 КиБ' },
  unauthorized: {
    en: 'Sign in first: the token is missing or invalid',
    ru: 'Требуется вход: токен отсутствует или недействителен',
  },
  requestNotFound: { en: 'Request not found', ru: 'Заявка не найдена' },
  serviceNotFound: { en: 'Service not found', ru: 'Услуга не найдена' },
  routeNotFound: { en: 'No such route', ru: 'Нет такого адреса' },
  adminsOnly: { en: 'Only administrators may do this', ru: 'Это доступно только администраторам' },
  actionNotAllowedForYou: {
    en: 'You may not perform "{action}" on this request',
    ru: 'Вы не можете выполнить «{action}» для этой заявки',
  },
  actionNotInStatus: {
    en: '"{action}" is not possible while the request is {status}',
    ru: '«{action}» невозможно, пока заявка в статусе {status}',
  },
  staleVersion: {
    en: 'The request has changed (version {current}); reload and try again',
    ru: 'Заявка изменилась (версия {current}); обновите и повторите',
  },
  concurrentChange: {
    en: 'The request was changed at the same time; try again',
    ru: 'Заявка была изменена одновременно; повторите попытку',
  },
  commentRequired: { en: 'A comment is required for this action', ru: 'Для этого действия нужен комментарий' },
  notATeamMember: { en: 'Must be a member of team {team}', ru: 'Должен быть участником команды {team}' },
  alreadyAssignee: { en: 'Already assigned to this person', ru: 'Уже назначена на этого сотрудника' },
  noTakeOwnRequest: {
    en: 'You cannot take your own request: a colleague in the team fulfils it',
    ru: 'Нельзя взять в работу собственную заявку: её выполняет коллега из команды',
  },
  noResolveOwnRequest: {
    en: 'You cannot resolve your own request: hand it to a colleague in the team',
    ru: 'Нельзя решить собственную заявку: передайте её коллеге из команды',
  },
  noInfoFromYourself: {
    en: 'You cannot ask for information on your own request: you are its requester; hand it to a colleague in the team',
    ru: 'Нельзя запросить информацию по собственной заявке: вы её автор; передайте заявку коллеге из команды',
  },
  reopenWindowOver: {
    en: 'A request can be reopened within 7 days of its resolution',
    ru: 'Заявку можно переоткрыть в течение 7 дней после решения',
  },
  internalForTeam: {
    en: 'Only team members and administrators write internal comments',
    ru: 'Внутренние комментарии пишут только участники команды и администраторы',
  },
  idempotencyReused: {
    en: 'This Idempotency-Key was used with another body',
    ru: 'Этот Idempotency-Key уже использован с другим телом запроса',
  },
  rateLimited: {
    en: 'Too many changes in a minute; please wait a moment',
    ru: 'Слишком много изменений за минуту; подождите немного',
  },
  tooDeep: { en: 'The body is nested deeper than {max} levels', ru: 'Тело запроса вложено глубже {max} уровней' },
  badCursor: { en: 'The cursor is not valid for this list', ru: 'Курсор не подходит для этого списка' },
  badIdempotencyKey: {
    en: 'Idempotency-Key must be 1 to 128 characters',
    ru: 'Idempotency-Key должен содержать от 1 до 128 символов',
  },
  mailLinkInvalid: { en: 'This link is not valid.', ru: 'Эта ссылка недействительна.' },
  mailLinkUsed: { en: 'This link has already been used.', ru: 'Эта ссылка уже использована.' },
  mailLinkExpired: {
    en: 'This link has expired. Open the request in the portal to decide.',
    ru: 'Срок действия ссылки истёк. Откройте заявку на портале, чтобы принять решение.',
  },
  mailStageClosed: {
    en: 'This approval no longer waits for your decision.',
    ru: 'Это согласование больше не ждёт вашего решения.',
  },
  stageNotFound: { en: 'No such approval stage on this request', ru: 'У заявки нет такого этапа согласования' },
  idTokenRequired: {
    en: 'Sign in to the portal: this token is not an ID token of a person',
    ru: 'Войдите в портал: этот токен не является ID-токеном сотрудника',
  },
  notInDirectory: {
    en: 'You are not in the company directory: ask an administrator to add you',
    ru: 'Вас нет в справочнике сотрудников компании: обратитесь к администратору',
  },
  noApprover: {
    en: 'Nobody in the directory can approve this request: ask an administrator to name an approver',
    ru: 'В справочнике нет никого, кто может согласовать эту заявку: попросите администратора назначить согласующего',
  },
  noBeneficiaryApproval: {
    en: 'This request is for you: someone else must approve it',
    ru: 'Заявка оформлена на вас: согласовать её должен другой сотрудник',
  },
  oneStagePerPerson: {
    en: 'You already decided another stage of this request: each stage needs a different person',
    ru: 'Вы уже приняли решение на другом этапе этой заявки: каждый этап согласует другой сотрудник',
  },
  noSelfApproval: { en: 'You cannot approve your own request', ru: 'Нельзя согласовать собственную заявку' },
  notAnApprover: { en: 'You are not an approver of this stage', ru: 'Вы не согласующий на этом этапе' },
  alreadyDecided: { en: 'You have already decided on this stage', ru: 'Вы уже приняли решение на этом этапе' },
  stageNotOpen: { en: 'This stage is not waiting for decisions now', ru: 'Этот этап сейчас не ожидает решений' },
  delegateUnknown: { en: 'No such person in the directory', ru: 'Такого сотрудника нет в справочнике' },
  delegateSelf: { en: 'You cannot delegate to yourself', ru: 'Нельзя делегировать самому себе' },
  delegateNotApprover: {
    en: 'Only someone who may approve can decide in your place',
    ru: 'Замещать при согласовании может только сотрудник с правом согласования',
  },
  delegationTooLong: { en: 'At most {max} days', ru: 'Не более {max} дней' },
  delegationDates: {
    en: 'The delegation must end on or after its start, and not in the past',
    ru: 'Делегирование должно заканчиваться не раньше начала и не в прошлом',
  },
  // A stage's condition on a field not yet filled, in the route preview: "если «Сумма» больше 100 000 ₽".
  conditionIf: { en: 'if “{field}” {clauses}', ru: 'если «{field}» {clauses}' },
  conditionAnd: { en: '{a} and {b}', ru: '{a} и {b}' },
  conditionOr: { en: '{a} or {b}', ru: '{a} или {b}' },
  conditionQuoted: { en: '“{value}”', ru: '«{value}»' },
  conditionEq: { en: 'is {value}', ru: '— {value}' },
  conditionNe: { en: 'is not {value}', ru: 'не {value}' },
  conditionGt: { en: 'is over {value}', ru: 'больше {value}' },
  conditionGte: { en: 'is at least {value}', ru: 'не меньше {value}' },
  conditionLt: { en: 'is under {value}', ru: 'меньше {value}' },
  conditionLte: { en: 'is at most {value}', ru: 'не больше {value}' },
  conditionYes: { en: 'Yes', ru: 'Да' },
  conditionNo: { en: 'No', ru: 'Нет' },
  commentsClosed: {
    en: 'The request is closed or cancelled and takes no more comments. If the question remains, submit a new request',
    ru: 'Заявка закрыта или отменена — комментарии больше не принимаются. Если вопрос остался, создайте новую заявку',
  },
} satisfies Record<string, Localized>;

export type MessageKey = keyof typeof messages;
export type MessageParams = Record<string, string | number>;

export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return messages[key][locale].replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/** Picks a text of a catalog entry in the reader's language. */
export const pick = (text: Localized, locale: Locale): string => text[locale];

/** `Accept-Language: ru-RU,ru;q=0.9,en;q=0.8` -> 'ru'; the first supported language wins. */
export function localeFromHeader(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  const hit = ranked.find((entry) => entry.lang === 'ru' || entry.lang === 'en');
  return hit?.lang as Locale | undefined;
}
