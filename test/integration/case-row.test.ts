// The Cases tab as people see it, and what a case row reads as. Both follow from the declaration
// of a case's fields (src/domain/case-fields.ts); none of it may change what the workbook holds.
import type { CaseView } from '../../src/server/api';
import { newEmulator } from '../support/emulator';
import { failure } from '../support/failure';
import { AGENT, LEAD, MONDAY_10, OWNER, asPerson, registrationInput, setUpWorkbook } from '../support/workbook';

type Emulator = ReturnType<typeof newEmulator>;

/**
 * One line per column: Russian and English headers | width | dropdown (! when strict) or checkbox
 * | date format | warning protection.
 */
const COLUMNS = [
  'Номер / ID | 130 |  |  | P',
  'Статус / Status | 120 | VALUE_IN_LIST! |  | ',
  'Критичность / Criticality | 60 | VALUE_IN_LIST! |  | ',
  'SLA / SLA | 90 |  |  | P',
  'Заказ / Order | 90 |  |  | ',
  'Клиент / Client | 150 |  |  | ',
  'Контакт / Contact | 120 |  |  | ',
  'Канал / Channel | 100 | VALUE_IN_LIST |  | ',
  'Источник / Source | 100 | VALUE_IN_LIST |  | ',
  'Тип / Kind | 100 | VALUE_IN_LIST |  | ',
  'Суть / Summary | 280 |  |  | ',
  'Фото и видео / Evidence | 160 |  |  | ',
  'Отдел-владелец / Owner department | 120 | VALUE_IN_LIST |  | ',
  'Владелец / Owner | 160 |  |  | ',
  'Специалист КС / CS agent | 160 |  |  | ',
  'Менеджер / Manager | 100 |  |  | ',
  'Команда / Team | 100 |  |  | ',
  'Мимо КС / Past CS | 70 | CHECKBOX |  | ',
  'Стоп отгрузки / Shipment stopped | 70 | CHECKBOX |  | ',
  'Создан / Created | 100 |  | date | P',
  'Срок первого ответа / First response due | 100 |  | date | P',
  'Первый ответ / First response | 100 |  | date | P',
  'Срок решения / Resolution due | 100 |  | date | P',
  'Решён / Resolved | 100 |  | date | P',
  'Закрыт / Closed | 100 |  | date | P',
  'Что сделано / Resolution | 200 |  |  | ',
  'Корневая причина / Root cause | 160 | VALUE_IN_LIST |  | ',
  'Профилактика / Prevention | 200 |  |  | ',
  'Причина отмены / Cancellation reason | 100 |  |  | ',
  'CSAT / CSAT | 50 |  |  | ',
  'NPS / NPS | 50 |  |  | ',
  'Переоткрытий / Reopens | 60 |  |  | P',
  'Эскалация / Escalation | 60 |  |  | P',
  'Под риском с / At risk from | 100 |  | date | P',
  'Ближайший срок / Next due | 100 |  | date | P',
  'Отменён / Cancelled | 100 |  | date | P',
  'Кто создал / Created by | 100 |  |  | P',
  'Изменён / Updated | 100 |  | date | P',
  'Кто изменил / Updated by | 100 |  |  | P',
  'Старт часов решения / Resolution clock start | 100 |  | date | P',
  'Минут ожидания клиента / Minutes waiting for client | 100 |  |  | P',
  'Ждём клиента с / Waiting since | 100 |  | date | P',
  'Версия / Version | 60 |  |  | P',
];

function freshWorkbook(locale: 'ru_RU' | 'en_US'): Emulator {
  const emulator = newEmulator({ now: MONDAY_10, spreadsheet: { locale, timeZone: 'Europe/Moscow', owner: LEAD } });
  emulator.run('setupWorkbook', [], { user: LEAD });
  return emulator;
}

function casesShape(emulator: Emulator, tab: string): Array<{ header: string; rest: string }> {
  return asPerson(emulator, (ss) => {
    const sheet = ss.getSheetByName(tab);
    if (!sheet) throw new Error(`no tab ${tab}`);
    const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? [];
    const ranges = sheet
      .getProtections('RANGE' as unknown as GoogleAppsScript.Spreadsheet.ProtectionType)
      .filter((p) => p.isWarningOnly())
      .map((p) => p.getRange());
    return headers.map((header, i) => {
      const column = i + 1;
      const cell = sheet.getRange(2, column);
      const validation = cell.getDataValidation();
      const rule = validation
        ? `${String(validation.getCriteriaType())}${validation.getAllowInvalid() ? '' : '!'}`
        : '';
      const date = /yy/.test(cell.getNumberFormat()) ? 'date' : '';
      const isProtected = ranges.some((r) => r.getColumn() <= column && column <= r.getLastColumn());
      const rest = [sheet.getColumnWidth(column), rule, date, isProtected ? 'P' : ''].join(' | ');
      return { header: String(header), rest };
    });
  });
}

function cellOf(emulator: Emulator, header: string): string {
  return asPerson(emulator, (ss) => {
    const found = ss.getSheetByName('Кейсы')?.getRange('1:1').createTextFinder(header).matchEntireCell(true).findNext();
    if (!found) throw new Error(`no column ${header}`);
    return found.getA1Notation().replace(/\d+$/, '2');
  });
}

/** Types into cells as a person with the Sheets UI would, without the edit trigger. */
function overwrite(emulator: Emulator, cells: Record<string, unknown>): void {
  asPerson(emulator, (ss) => {
    for (const [a1, value] of Object.entries(cells)) ss.getSheetByName('Кейсы')?.getRange(a1).setValue(value);
  });
}

describe('the Cases tab', () => {
  test('keeps its columns: order, headers, widths, dropdowns, checkboxes, date formats, protections', () => {
    const ru = casesShape(freshWorkbook('ru_RU'), 'Кейсы');
    const en = casesShape(freshWorkbook('en_US'), 'Cases');
    expect(ru.map((c, i) => `${c.header} / ${en[i]?.header} | ${c.rest}`)).toEqual(COLUMNS);
    expect(en.map((c) => c.rest)).toEqual(ru.map((c) => c.rest));
  });
});

describe('a case row', () => {
  test('reads back every field as it was written', () => {
    const emulator = setUpWorkbook();
    const run = <T>(fn: string, args: unknown[], user = AGENT) => emulator.scriptRun<T>(fn, args, { user });
    let c = run<CaseView>('apiRegisterCase', [
      registrationInput({
        evidence: ['https://drive.example.com/photo-1', 'https://drive.example.com/video-2'],
        ownerEmail: OWNER,
        manager: 'Асель',
        team: 'Алматы-1',
        bypass: true,
        stopShipment: true,
      }),
    ]);
    c = run<CaseView>('apiRecordFirstResponse', [c.id, { version: c.version }]);
    c = run<CaseView>('apiTransition', [c.id, { to: 'in_progress', version: c.version }]);
    c = run<CaseView>('apiTransition', [c.id, { to: 'waiting_client', version: c.version }]);
    c = run<CaseView>('apiTransition', [c.id, { to: 'in_progress', version: c.version }]);
    c = run<CaseView>('apiTransition', [c.id, { to: 'resolved', version: c.version, resolution: 'Заменили фасад' }]);
    c = run<CaseView>('apiTransition', [
      c.id,
      { to: 'closed', version: c.version, rootCause: 'Ошибка поставщика', prevention: 'Проверка', csat: 4, nps: 9 },
    ]);
    const {
      events: _events,
      now: _now,
      criticalityEffects: _effects,
      pendingPromise: _pending,
      ...read
    } = run<CaseView & { now: string; pendingPromise: unknown }>('apiGetCase', [c.id]);
    expect(read).toEqual(c);
    expect(read).toMatchObject({ status: 'closed', bypass: true, csat: 4, nps: 9, manager: 'Асель' });
    expect(read.evidence).toHaveLength(2);
    expect(read.closedAt).not.toBeNull();
  });

  test('a row a person broke is refused, naming every broken cell by its address', () => {
    const emulator = setUpWorkbook();
    const c = emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput()], { user: AGENT });
    const broken = {
      [cellOf(emulator, 'Статус')]: 'Летает',
      [cellOf(emulator, 'Критичность')]: 'Z',
      [cellOf(emulator, 'Создан')]: 'вчера',
      [cellOf(emulator, 'Срок решения')]: '',
      [cellOf(emulator, 'Переоткрытий')]: 'два',
      [cellOf(emulator, 'CSAT')]: 'отлично',
    };
    overwrite(emulator, broken);
    const message = failure(() => emulator.scriptRun('apiGetCase', [c.id], { user: AGENT }));
    const [status, criticality, created, due, reopens, csat] = Object.keys(broken);
    expect(message).toContain(`${status}: неизвестный статус «Летает»`);
    expect(message).toContain(`${criticality}: критичность — A, B или C, а не «Z»`);
    expect(message).toContain(`${created}: ожидалась дата, а не «вчера»`);
    expect(message).toContain(`${due}: ожидалась дата, а не «»`);
    expect(message).toContain(`${reopens}: ожидалось число, а не «два»`);
    expect(message).toContain(`${csat}: ожидалось число, а не «отлично»`);
    expect(message.match(/ожидал|неизвестный|критичность —/g)).toHaveLength(6);
  });

  test('an empty clock start, update time, version or counter reads as registration left it', () => {
    const emulator = setUpWorkbook();
    const c = emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput()], { user: AGENT });
    overwrite(
      emulator,
      Object.fromEntries(
        ['Изменён', 'Старт часов решения', 'Версия', 'Переоткрытий', 'Эскалация', 'Минут ожидания клиента', 'CSAT'].map(
          (header) => [cellOf(emulator, header), ''],
        ),
      ),
    );
    const read = emulator.scriptRun<CaseView>('apiGetCase', [c.id], { user: AGENT });
    expect(read).toMatchObject({ updatedAt: c.createdAt, version: 1, reopenCount: 0, escalationLevel: 0, csat: null });
    expect(read.dueAt).toBe(c.dueAt);
  });
});
