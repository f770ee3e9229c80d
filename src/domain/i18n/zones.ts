/**
 * The words of zones of growth and CSI (docs/product.md, Zones of growth and CSI) that the server
 * speaks: the labels the tabs hold, the fields and refusals its messages name. They are kept out
 * of the catalogs the sidebar bundles (ru.ts, en.ts) so it stays small: the sidebar gets the
 * labels from apiBootstrap and the refusals as the server's error text. The English catalog is
 * typed against the Russian one, as there.
 */
import { interpolate, type Lang } from './index';

const ru = {
  // Statuses, sources, categories, roles and fields, as the tabs and the messages name them.
  'zoneStatus.logged': 'Зафиксировано',
  'zoneStatus.briefing_scheduled': 'Брифинг назначен',
  'zoneStatus.briefing_held': 'Брифинг проведён',
  'zoneStatus.recheck_due': 'Пора перепроверить',
  'zoneStatus.passed': 'Перепроверка пройдена',
  'zoneStatus.repeated': 'Ошибка повторилась',
  'zoneStatus.appealed': 'Обжалуется',
  'zoneStatus.accepted': 'Апелляция принята',
  'zoneStatus.rejected': 'Апелляция отклонена',
  'zoneSource.online_meeting': 'Онлайн-встреча',
  'zoneSource.outbound_call': 'Исходящий звонок',
  'zoneSource.request': 'Обращение',
  'zoneCategory.communication': 'Ошибка в коммуникации',
  'zoneCategory.process': 'Ошибка в процессе',
  'csiRole.sales': 'Менеджер по продажам',
  'csiRole.showroom': 'Менеджер по показам',
  'field.teamLeaderEmail': 'Email руководителя команды',
  'field.category': 'Категория',
  'field.standard': 'Нарушенный стандарт',
  'field.link': 'Ссылка',
  'field.description': 'Что произошло',
  'field.date': 'Дата',
  'field.processAnswer': 'Ответ руководителя',
  'field.note': 'Комментарий',
  'field.comment': 'Комментарий клиента',
  'field.score': 'Оценка',
  'field.at': 'Дата',
  'field.role': 'Роль',
  'field.caseId': 'Кейс',
  'field.to': 'Статус',
  'input.choice': '«{value}» — нет такого варианта; возможные: {options}.',
  'input.date': '«{value}» — не дата (нужен формат ГГГГ-ММ-ДД или ISO-8601).',
  'input.dateFuture': 'Дата не может быть в будущем.',
  'input.score': 'Оценка — целое число от {min} до {max}.',
  'input.zoneId': '«{value}» — не номер записи (GZ-ГГГГ-NNNNN).',
  // Refusals.
  'zone.notFound': 'Запись {id} не найдена.',
  'zone.conflict': 'Запись {id} уже изменили (версия {actual}, у вас была {expected}). Обновите её и повторите.',
  'zone.final': 'Запись {id} завершена («{zoneStatus}»): её больше нельзя двигать.',
  'zone.notAllowed': 'Запись нельзя перевести из «{zoneFrom}» в «{zoneTo}».',
  'zone.role': 'Роль «{role}» не может переводить запись в «{zoneTo}».',
  'zone.notTeamLeader': 'Это может руководитель команды этой записи ({email}) или руководитель КС.',
  'zone.leadOnly': 'Принять или отклонить апелляцию может только руководитель КС.',
  'zone.recheckByJob': 'Статус «Пора перепроверить» запись получает сама: через месяц после брифинга.',
  'zone.scheduleFirst': 'По ошибке в коммуникации брифинг сначала назначают: укажите его дату.',
  'zone.date': 'Чтобы назначить брифинг, укажите его дату.',
  'zone.dateBeforeLogged': 'Дата не может быть раньше, чем запись зафиксирована ({date}).',
  'zone.heldInFuture': 'Проведённый брифинг не может быть датирован будущим.',
  'zone.processAnswer':
    'По ошибке в процессе нужен ответ руководителя команды: в каком процессе ошибка и что меняется.',
  'zone.processAnswerMissing':
    'У этой ошибки в процессе нет ответа руководителя (в каком процессе ошибка и что меняется): без него запись не закрыть.',
  'zone.recheckNotDue': 'Перепроверка — с {date}: результат можно записать с этого дня.',
  'zone.appealReason': 'Чтобы обжаловать запись, укажите причину.',
  'zone.decisionReason': 'Чтобы принять или отклонить апелляцию, укажите причину решения.',
  'zone.brokenRow': 'Строка записи {id} испорчена: {details}',
  'cell.zoneId': '«{value}» — не номер записи',
  'cell.choice': '«{value}» — нет такого варианта',
  // The summary tab (src/sheets/zone-summary-tab.ts).
  'summary.title': 'Зоны роста и CSI за {month}',
  'summary.computed': 'Посчитано {at} ({zone}). Записи и повторы — за месяц; открытые — на этот момент.',
  'summary.team': 'Команда «{team}» — руководитель: {leader}',
  'summary.noTeam': '(команда не указана)',
  'summary.noLeader': 'не указан',
  'summary.manager': 'Менеджер',
  'summary.logged': 'Записей за месяц',
  'summary.repeats': 'Повторов',
  'summary.open': 'Открытых',
  'summary.csi': 'Комментариев CSI',
  'summary.total': 'Итого',
  'summary.empty': 'За месяц нет ни записей, ни комментариев CSI, и открытых записей нет.',
} as const;

export type ZoneMessageKey = keyof typeof ru;

const en: Record<ZoneMessageKey, string> = {
  'zoneStatus.logged': 'Logged',
  'zoneStatus.briefing_scheduled': 'Briefing scheduled',
  'zoneStatus.briefing_held': 'Briefing held',
  'zoneStatus.recheck_due': 'Recheck due',
  'zoneStatus.passed': 'Recheck passed',
  'zoneStatus.repeated': 'Error repeated',
  'zoneStatus.appealed': 'Appealed',
  'zoneStatus.accepted': 'Appeal accepted',
  'zoneStatus.rejected': 'Appeal rejected',
  'zoneSource.online_meeting': 'Online meeting',
  'zoneSource.outbound_call': 'Outbound call',
  'zoneSource.request': 'Request',
  'zoneCategory.communication': 'Communication error',
  'zoneCategory.process': 'Process error',
  'csiRole.sales': 'Sales manager',
  'csiRole.showroom': 'Showroom manager',
  'field.teamLeaderEmail': "Team leader's email",
  'field.category': 'Category',
  'field.standard': 'Standard broken',
  'field.link': 'Link',
  'field.description': 'What happened',
  'field.date': 'Date',
  'field.processAnswer': "Team leader's answer",
  'field.note': 'Note',
  'field.comment': 'Client comment',
  'field.score': 'Score',
  'field.at': 'Date',
  'field.role': 'Role',
  'field.caseId': 'Case',
  'field.to': 'Status',
  'input.choice': '“{value}” is not one of the options: {options}.',
  'input.date': '“{value}” is not a date (YYYY-MM-DD or ISO-8601 is needed).',
  'input.dateFuture': 'The date cannot be in the future.',
  'input.score': 'The score is a whole number from {min} to {max}.',
  'input.zoneId': '“{value}” is not an entry number (GZ-YYYY-NNNNN).',
  'zone.notFound': 'Entry {id} was not found.',
  'zone.conflict':
    'Entry {id} has been changed meanwhile (version {actual}, you had {expected}). Reload it and try again.',
  'zone.final': 'Entry {id} is finished (“{zoneStatus}”): it moves no more.',
  'zone.notAllowed': 'An entry cannot move from “{zoneFrom}” to “{zoneTo}”.',
  'zone.role': 'The role “{role}” cannot move an entry to “{zoneTo}”.',
  'zone.notTeamLeader': "Only this entry's team leader ({email}) or a CS lead can do this.",
  'zone.leadOnly': 'Only a CS lead can accept or reject an appeal.',
  'zone.recheckByJob': 'An entry becomes “Recheck due” by itself, a month after the briefing.',
  'zone.scheduleFirst': 'For a communication error the briefing is scheduled first: give its date.',
  'zone.date': 'To schedule the briefing, give its date.',
  'zone.dateBeforeLogged': 'The date cannot be before the entry was logged ({date}).',
  'zone.heldInFuture': 'A briefing that was held cannot be dated in the future.',
  'zone.processAnswer':
    "A process error needs the team leader's answer: which process failed and what is being changed.",
  'zone.processAnswerMissing':
    'This process error has no answer from its team leader (which process failed and what is being changed): it cannot close without it.',
  'zone.recheckNotDue': 'The recheck is due on {date}: its result can be recorded from then.',
  'zone.appealReason': 'To appeal the entry, give the reason.',
  'zone.decisionReason': 'To accept or reject the appeal, give the reason for the decision.',
  'zone.brokenRow': 'The row of entry {id} is broken: {details}',
  'cell.zoneId': '“{value}” is not an entry number',
  'cell.choice': '“{value}” is not one of the options',
  'summary.title': 'Zones of growth and CSI, {month}',
  'summary.computed': 'Computed {at} ({zone}). Entries and repeats: this month; open: at this moment.',
  'summary.team': 'Team “{team}” — team leader: {leader}',
  'summary.noTeam': '(no team named)',
  'summary.noLeader': 'not named',
  'summary.manager': 'Manager',
  'summary.logged': 'Entries this month',
  'summary.repeats': 'Repeats',
  'summary.open': 'Open',
  'summary.csi': 'CSI comments',
  'summary.total': 'Total',
  'summary.empty': 'No entries or CSI comments this month, and no open entries.',
};

const CATALOGS: Record<Lang, Record<ZoneMessageKey, string>> = { ru, en };

export function isZoneMessageKey(key: string): key is ZoneMessageKey {
  return Object.prototype.hasOwnProperty.call(ru, key);
}

/** The message in `lang`, with `{name}` placeholders filled from `params` (as `t`). */
export function tZone(lang: Lang, key: ZoneMessageKey, params: Record<string, string | number> = {}): string {
  return interpolate(CATALOGS[lang][key], params);
}
