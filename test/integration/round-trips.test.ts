// The two paths that used to call Apps Script in a loop (a Settings save, a paste restored from
// the Events log) cost a fixed, small number of round trips: these bounds keep the loops out.
import type { ExecutionResult } from '../../emulator/runtime';
import type { CaseView } from '../../src/server/api';
import { AGENT, LEAD, asPerson, registrationInput, setUpWorkbook } from '../support/workbook';

type Emulator = ReturnType<typeof setUpWorkbook>;
type SettingsInput = Record<string, unknown> & { team: unknown[]; channels: string[]; templates: unknown };

/** Calls that format the Cases tab (dropdowns, checkboxes, number formats). */
const FORMATTING = /^(Range|RangeList)\.(setDataValidations?|setNumberFormats?)$/;

function formattingCalls(result: ExecutionResult): string[] {
  return Object.keys(result.meter.calls).filter((member) => FORMATTING.test(member));
}

function saveSettings(emulator: Emulator, change: (settings: SettingsInput) => void): ExecutionResult {
  const settings = emulator.scriptRun<SettingsInput>('apiGetSettings', [], { user: LEAD });
  change(settings);
  const result = emulator.run('apiSaveSettings', [settings], { user: LEAD });
  if (!result.ok) throw new Error(String(result.error));
  return result;
}

function dropdown(emulator: Emulator, header: string): string[] {
  return asPerson(emulator, (ss) => {
    const sheet = ss.getSheetByName('Кейсы');
    const column = sheet?.getRange('1:1').createTextFinder(header).matchEntireCell(true).findNext()?.getColumn() ?? 0;
    const rule = sheet?.getRange(2, column).getDataValidation();
    return (rule?.getCriteriaValues()[0] as string[] | undefined) ?? [];
  });
}

describe('a Settings save', () => {
  test('that changes only the team touches no Cases formatting and costs at most 26 round trips (81 with a call per row and column)', () => {
    const emulator = setUpWorkbook();
    const result = saveSettings(emulator, (s) => {
      s.team.push({ email: 'new@example.com', name: 'Новый агент', role: 'agent', team: 'КС' });
    });
    expect(formattingCalls(result)).toEqual([]);
    expect(result.meter.roundTrips).toBeLessThanOrEqual(26); // 3 of them sign its Events row (docs/product.md, Integrity)
  });

  test('that changes a list rewrites that dropdown only, in at most 31 round trips', () => {
    const emulator = setUpWorkbook();
    const result = saveSettings(emulator, (s) => {
      s.channels.push('Телеграм');
    });
    expect(dropdown(emulator, 'Канал')).toContain('Телеграм');
    expect(dropdown(emulator, 'Источник')).not.toContain('Телеграм');
    expect(formattingCalls(result)).toEqual(['Range.setDataValidation']);
    expect(result.meter.calls['Range.setDataValidation']).toBe(1);
    expect(result.meter.roundTrips).toBeLessThanOrEqual(31); // 3 of them sign its Events row
  });

  test('setup still formats every column: dropdowns, checkboxes and dates', () => {
    const emulator = setUpWorkbook();
    expect(dropdown(emulator, 'Статус')).toContain('Новый');
    expect(dropdown(emulator, 'Корневая причина').length).toBeGreaterThan(0);
    const formats = asPerson(emulator, (ss) => {
      const sheet = ss.getSheetByName('Кейсы');
      const find = (header: string) =>
        sheet?.getRange('1:1').createTextFinder(header).matchEntireCell(true).findNext()?.getColumn() ?? 0;
      return {
        created: sheet?.getRange(500, find('Создан')).getNumberFormat(),
        waiting: sheet?.getRange(500, find('Ждём клиента с')).getNumberFormat(),
        bypass: String(sheet?.getRange(500, find('Мимо КС')).getDataValidation()?.getCriteriaType()),
      };
    });
    expect(formats).toEqual({ created: 'dd.mm.yyyy hh:mm', waiting: 'dd.mm.yyyy hh:mm', bypass: 'CHECKBOX' });
  });
});

describe('the Settings tab’s styles', () => {
  /** Rows (1-based) of the tab by their style: section titles, table headers, bold ones. */
  function styles(emulator: Emulator) {
    return asPerson(emulator, (ss) => {
      const sheet = ss.getSheetByName('Настройки');
      const range = sheet?.getRange(1, 1, sheet.getLastRow(), 4);
      const rowsWith = (grid: unknown[][] | undefined, value: string) =>
        (grid ?? []).flatMap((row, i) => (row.every((v) => v === value) ? [i + 1] : []));
      const backgrounds = range?.getBackgrounds();
      return {
        titles: rowsWith(backgrounds, '#d2e3fc'),
        headers: rowsWith(backgrounds, '#e8eaed'),
        plain: rowsWith(backgrounds, '#ffffff').length,
        bold: rowsWith(range?.getFontWeights(), 'bold'),
        rows: sheet?.getLastRow() ?? 0,
        width: sheet?.getColumnWidth(2),
      };
    });
  }

  test('a save that moves the sections moves their styles; the lead’s column widths stay', () => {
    const emulator = setUpWorkbook();
    const before = styles(emulator);
    expect(before.titles).toHaveLength(8);
    expect(before.headers).toEqual(before.titles.map((row) => row + 1));
    expect(before.bold).toEqual([...before.titles, ...before.headers].sort((a, b) => a - b));
    expect(before.plain).toBe(before.rows - 16);
    expect(before.width).toBe(260);
    asPerson(emulator, (ss) => ss.getSheetByName('Настройки')?.setColumnWidth(2, 300));
    saveSettings(emulator, (s) => {
      (s.calendar as { holidays: string[] }).holidays.push('2026-12-16', '2026-12-17');
    });
    const after = styles(emulator);
    // Holidays is the fourth section: the four after it move down by the two new rows.
    const moved = (rows: number[]) => rows.map((row, i) => (i >= 4 ? row + 2 : row));
    expect(after.titles).toEqual(moved(before.titles));
    expect(after.headers).toEqual(moved(before.headers));
    expect(after.bold).toEqual([...after.titles, ...after.headers].sort((a, b) => a - b));
    expect(after.plain).toBe(after.rows - 16);
    expect(after.width).toBe(300);
  });
});

describe('a paste over case rows', () => {
  test('restoring 300 rows costs the same round trips as 3, and at most 22', () => {
    const emulator = setUpWorkbook();
    for (let i = 0; i < 300; i++) {
      emulator.run('apiRegisterCase', [registrationInput({ orderNo: `K-${i}` })], { user: AGENT });
    }
    const paste = (rows: number) => {
      const [result] = emulator.pasteValues(
        'Кейсы',
        'B2',
        Array.from({ length: rows }, () => ['Закрыт', 'A']),
        AGENT,
      );
      if (!result?.ok) throw new Error(String(result?.error));
      return result;
    };
    const three = paste(3);
    const all = paste(300);
    expect(all.meter.roundTrips).toBe(three.meter.roundTrips);
    expect(all.meter.roundTrips).toBeLessThanOrEqual(22); // 4 of them check the Events chain and the tabs
    const cells = asPerson(emulator, (ss) => ss.getSheetByName('Кейсы')?.getRange('B2:C301').getValues() ?? []);
    expect(cells.filter(([status, criticality]) => status === 'Новый' && criticality === 'B')).toHaveLength(300);
    const last = emulator.scriptRun<CaseView>('apiGetCase', ['ARB-2026-00300'], { user: AGENT });
    expect(last.events?.at(-1)).toMatchObject({ type: 'reverted' });
  });

  test('restores our columns only: a person’s column in between and rows that are not cases keep the paste', () => {
    const emulator = setUpWorkbook();
    emulator.scriptRun('apiRegisterCase', [registrationInput({ orderNo: 'K-1042' })], { user: AGENT });
    emulator.scriptRun('apiRegisterCase', [registrationInput({ orderNo: 'K-2' })], { user: AGENT });
    // A person's own column between SLA (D) and Order: ours are now A:D and F onwards.
    asPerson(emulator, (ss) => {
      const sheet = ss.getSheetByName('Кейсы');
      sheet?.insertColumnAfter(4);
      sheet?.getRange('E1').setValue('Заметки');
    });
    const [result] = emulator.pasteValues(
      'Кейсы',
      'B2',
      [
        ['Закрыт', 'A', 'x', 'моя заметка', 'Z-1'],
        ['Отменён', 'C', 'y', 'вторая', 'Z-2'],
        ['Закрыт', 'A', '=1+1', 'третья', 'Z-3'],
      ],
      AGENT,
    );
    expect(result?.ok).toBe(true);
    const cells = asPerson(emulator, (ss) => {
      const range = ss.getSheetByName('Кейсы')?.getRange('B2:F4');
      return { values: range?.getValues(), formula: range?.getFormulas()[2]?.[2] };
    });
    expect(cells.values).toEqual([
      ['Новый', 'B', '', 'моя заметка', 'K-1042'],
      ['Новый', 'B', '', 'вторая', 'K-2'],
      ['Закрыт', 'A', 2, 'третья', 'Z-3'],
    ]);
    expect(cells.formula).toBe('=1+1');
  });
});
