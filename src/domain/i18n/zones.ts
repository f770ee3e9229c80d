/**
 * The refusals of zones of growth and CSI (docs/product.md, Zones of growth and CSI) that only the
 * server speaks: the lifecycle's guards and the tab's broken cells. The sidebar shows them as the
 * server's error text, so they are kept out of the catalogs it bundles (ru.ts, en.ts); the
 * English catalog is typed against the Russian one, as there.
 */
import { interpolate, type Lang } from './index';

const ru = {
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
} as const;

export type ZoneMessageKey = keyof typeof ru;

const en: Record<ZoneMessageKey, string> = {
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
};

const CATALOGS: Record<Lang, Record<ZoneMessageKey, string>> = { ru, en };

export function isZoneMessageKey(key: string): key is ZoneMessageKey {
  return Object.prototype.hasOwnProperty.call(ru, key);
}

/** The message in `lang`, with `{name}` placeholders filled from `params` (as `t`). */
export function tZone(lang: Lang, key: ZoneMessageKey, params: Record<string, string | number> = {}): string {
  return interpolate(CATALOGS[lang][key], params);
}
