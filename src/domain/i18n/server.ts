/**
 * Messages only the server speaks: the scheduled jobs' generated tabs and emails. They are kept
 * out of the catalogs the sidebar bundles (ru.ts, en.ts, which it ships whole), so the sidebar
 * stays small; the English catalog is typed against the Russian one, as there.
 */
import { interpolate, type Lang } from './index';

const ru = {
  // The weekly top-causes tab and the leaders' summary (src/domain/weekly-report.ts).
  'weekly.tabName': 'Топ причин {week}',
  'weekly.title': 'Топ причин {week}: {from} – {to}',
  'weekly.generated': 'Составлено {at} ({zone}). Открыто и просрочено — на этот момент; остальное — за неделю.',
  'weekly.causes': 'Корневые причины кейсов, закрытых за неделю',
  'weekly.cause': 'Причина',
  'weekly.count': 'Кейсов',
  'weekly.share': 'Доля',
  'weekly.previous': 'Неделей раньше',
  'weekly.change': 'Изменение',
  'weekly.noCauses': 'За неделю не закрыто ни одного кейса с корневой причиной.',
  'weekly.departments': 'Узкое место по отделам-владельцам',
  'weekly.department': 'Отдел',
  'weekly.registered': 'Новых',
  'weekly.open': 'Открыто',
  'weekly.overdue': 'Просрочено',
  'weekly.resolved': 'Решено',
  'weekly.medianHours': 'Медиана, раб. ч',
  'weekly.withinTarget': 'В срок',
  'weekly.bottleneck':
    'Узкое место: {department} — вне срока {missed} (решено с опозданием {late}, просрочено сейчас {overdue}).',
  'weekly.noBottleneck': 'Узкого места нет: ни одного кейса вне срока.',
  'weekly.noDepartments': 'За неделю нет кейсов.',
  'weekly.prevention': 'Что сделано, чтобы не повторилось',
  'weekly.action': 'Мера',
  'weekly.noPrevention': 'За неделю не записано ни одной меры.',
  'weekly.kpis': 'KPI недели',
  'weekly.kpi': 'Показатель',
  'weekly.value': 'Значение',
  'weekly.basis': 'Кейсов в расчёте',
  'weekly.noData': 'нет данных',
  'weekly.kpi.firstResponse': 'Первый ответ в срок',
  'weekly.kpi.pending': 'Без первого ответа, срок ещё не наступил',
  'weekly.kpi.median': 'Решение {criticality}: медиана, раб. ч',
  'weekly.kpi.p90': 'Решение {criticality}: 90-й перцентиль, раб. ч',
  'weekly.kpi.within': 'Решение {criticality}: в срок',
  'weekly.kpi.reopen': 'Доля переоткрытых',
  'weekly.kpi.bypass': 'Доля обещаний мимо КС',
  'weekly.kpi.note':
    'Время решения — рабочие часы по календарю из Настроек, от старта часов решения (регистрация или переоткрытие), без ожидания клиента. Отменённые кейсы не считаются.',
  'weekly.mail.subject': 'Арбитр: топ причин {week} ({from} – {to})',
  'weekly.mail.title': 'Итоги недели {week}: {from} – {to}',
  'weekly.mail.topCauses': 'Топ-3 причины',
  'weekly.mail.cause': '{cause}: {count} ({share})',
  'weekly.mail.causeChange': 'неделей раньше: {previous} ({change})',
  'weekly.mail.kpis': 'KPI недели',
  'weekly.mail.kpi': '{name}: {value}',
  'weekly.mail.basis': 'кейсов в расчёте: {count}',
  'weekly.mail.bottleneck': 'Узкое место',
  'weekly.mail.resolution': 'Решение {criticality}: медиана {median} раб. ч, в срок {within}',
  'weekly.mail.noResolution': 'Решение {criticality}: нет данных',
  'weekly.mail.deptLoad': 'открыто {open}, просрочено {overdue}',
  'weekly.mail.deptMedian': 'медиана решения {median} раб. ч',
  'weekly.mail.deptWithin': 'в срок {within}',
  'weekly.mail.open': 'Открыть вкладку «{tab}»',
  'weekly.summary': 'вкладка «{tab}» записана; письмо руководителям: {sent} из {recipients}',
  'weekly.summary.quota':
    'вкладка «{tab}» записана; письмо руководителям: {sent} из {recipients}, остальным не хватило квоты',
  'weekly.summary.broken': 'строк с ошибками в ячейках пропущено: {count}',
} as const;

const en: Record<keyof typeof ru, string> = {
  'weekly.tabName': 'Top causes {week}',
  'weekly.title': 'Top causes {week}: {from} – {to}',
  'weekly.generated': 'Compiled {at} ({zone}). Open and overdue are as of then; the rest is for the week.',
  'weekly.causes': 'Root causes of the cases closed this week',
  'weekly.cause': 'Root cause',
  'weekly.count': 'Cases',
  'weekly.share': 'Share',
  'weekly.previous': 'Week before',
  'weekly.change': 'Change',
  'weekly.noCauses': 'No case was closed with a root cause this week.',
  'weekly.departments': 'Bottleneck by owner department',
  'weekly.department': 'Department',
  'weekly.registered': 'New',
  'weekly.open': 'Open',
  'weekly.overdue': 'Overdue',
  'weekly.resolved': 'Resolved',
  'weekly.medianHours': 'Median, business h',
  'weekly.withinTarget': 'Within target',
  'weekly.bottleneck': 'Bottleneck: {department}, {missed} past target ({late} resolved late, {overdue} overdue now).',
  'weekly.noBottleneck': 'No bottleneck: no case is past its target.',
  'weekly.noDepartments': 'No cases this week.',
  'weekly.prevention': 'What was done so it does not repeat',
  'weekly.action': 'Action',
  'weekly.noPrevention': 'No prevention action was recorded this week.',
  'weekly.kpis': 'KPIs of the week',
  'weekly.kpi': 'KPI',
  'weekly.value': 'Value',
  'weekly.basis': 'Cases counted',
  'weekly.noData': 'no data',
  'weekly.kpi.firstResponse': 'First response on time',
  'weekly.kpi.pending': 'Not answered yet, not yet due',
  'weekly.kpi.median': 'Resolution {criticality}: median, business h',
  'weekly.kpi.p90': 'Resolution {criticality}: 90th percentile, business h',
  'weekly.kpi.within': 'Resolution {criticality}: within target',
  'weekly.kpi.reopen': 'Reopen rate',
  'weekly.kpi.bypass': 'Share of promises past client service',
  'weekly.kpi.note':
    "Resolution time is business hours on the Settings calendar, from the resolution clock's start (registration or reopening), without the time waiting for the client. Cancelled cases are not counted.",
  'weekly.mail.subject': 'Arbiter: top causes {week} ({from} – {to})',
  'weekly.mail.title': 'The week {week}: {from} – {to}',
  'weekly.mail.topCauses': 'Top 3 causes',
  'weekly.mail.cause': '{cause}: {count} ({share})',
  'weekly.mail.causeChange': 'the week before: {previous} ({change})',
  'weekly.mail.kpis': 'KPIs of the week',
  'weekly.mail.kpi': '{name}: {value}',
  'weekly.mail.basis': 'cases counted: {count}',
  'weekly.mail.bottleneck': 'Bottleneck',
  'weekly.mail.resolution': 'Resolution {criticality}: median {median} business h, {within} within target',
  'weekly.mail.noResolution': 'Resolution {criticality}: no data',
  'weekly.mail.deptLoad': '{open} open, {overdue} overdue',
  'weekly.mail.deptMedian': 'median to resolve {median} business h',
  'weekly.mail.deptWithin': '{within} within target',
  'weekly.mail.open': 'Open the tab "{tab}"',
  'weekly.summary': 'tab "{tab}" written; summary to leaders: {sent} of {recipients}',
  'weekly.summary.quota':
    'tab "{tab}" written; summary to leaders: {sent} of {recipients}, the rest did not fit the mail quota',
  'weekly.summary.broken': 'rows with broken cells left out: {count}',
};

export type ServerMessageKey = keyof typeof ru;

const CATALOGS: Record<Lang, Record<ServerMessageKey, string>> = { ru, en };

/** The server's message in `lang`, with `{name}` placeholders filled from `params` (as `t`). */
export function tServer(lang: Lang, key: ServerMessageKey, params: Record<string, string | number> = {}): string {
  return interpolate(CATALOGS[lang][key], params);
}
