/**
 * Finding cases through the built bundle (docs/product.md, Finding cases): a search covers every
 * case, closed ones included, and costs the same service calls whatever the number of cases.
 */
import type { Emulator } from '../../emulator/runtime';
import type { CaseList, CaseView } from '../../src/server/api';
import { AGENT, LEAD, OWNER, registrationInput, setUpWorkbook } from '../support/workbook';

function register(emulator: Emulator, overrides: Record<string, unknown> = {}): CaseView {
  return emulator.scriptRun<CaseView>('apiRegisterCase', [registrationInput(overrides)], { user: AGENT });
}

/** Takes a case to closed, as an agent and its owner would. */
function close(emulator: Emulator, c: CaseView): CaseView {
  const run = <T>(fn: string, args: unknown[], user = AGENT) => emulator.scriptRun<T>(fn, args, { user });
  let v = run<CaseView>('apiTransition', [c.id, { to: 'in_progress', version: c.version }]);
  v = run<CaseView>(
    'apiTransition',
    [c.id, { to: 'resolved', version: v.version, resolution: 'Фасад заменён' }],
    OWNER,
  );
  return run<CaseView>('apiTransition', [
    c.id,
    { to: 'closed', version: v.version, rootCause: 'Повреждение при монтаже', prevention: 'Осмотр перед выездом' },
  ]);
}

const ids = (list: CaseList) => list.items.map((v) => v.id);

describe('a search covers every case, open or not', () => {
  const emulator = setUpWorkbook();
  const closed = close(emulator, register(emulator, { orderNo: 'K-500', client: 'Айгерим Сапарова' }));
  const open = register(emulator, { orderNo: 'K-501', client: 'Борис Ким', contact: '+7 705 111 22 33' });
  const list = (query: Record<string, unknown>, user = LEAD) =>
    emulator.scriptRun<CaseList>('apiListCases', [query], { user });

  test('the closed case is closed, and the open queue leaves it out', () => {
    expect(closed.status).toBe('closed');
    expect(ids(list({ status: 'open' }))).toEqual([open.id]);
  });

  test.each([
    ['its id', () => closed.id],
    ['its id in lower case', () => closed.id.toLowerCase()],
    ['its order number', () => 'k-500'],
    ['its client’s name', () => 'айгерим'],
    ['a word of its summary', () => 'фурнитуры'],
  ])('finds the closed case by %s, under everyone', (_, text) => {
    expect(ids(list({ text: text() }))).toContain(closed.id);
  });

  test('a lead who is not the agent finds it with "mine" off only', () => {
    expect(ids(list({ text: closed.id, mine: true }))).toEqual([]);
    expect(ids(list({ text: closed.id, mine: true }, AGENT))).toEqual([closed.id]);
  });

  test('a search limited to a page says how many there are in all', () => {
    const page = list({ text: 'к-5', limit: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(2);
  });
});

describe('phones are one number however they are typed', () => {
  const emulator = setUpWorkbook();
  const typed = register(emulator, { orderNo: 'K-600', client: 'Жанна Ермекова', contact: '8 (701) 555-07-77' });
  const closed = close(emulator, typed);

  test('the contact is stored in E.164, in the API and in the Cases tab', () => {
    expect(typed.contact).toBe('+77015550777');
    const cells = emulator.scriptRun<CaseView>('apiGetCase', [typed.id], { user: LEAD });
    expect(cells.contact).toBe('+77015550777');
  });

  test.each(['+7 701 555 07 77', '+77015550777', '8 701 555 0777', '701 555 07', '555-07-77'])(
    'a search for %s finds the closed case',
    (text) => {
      const found = emulator.scriptRun<CaseList>('apiListCases', [{ text }], { user: LEAD });
      expect(ids(found)).toEqual([closed.id]);
    },
  );

  test('an email or a Telegram name is kept as typed', () => {
    expect(register(emulator, { orderNo: 'K-601', contact: '@ermekova', channel: 'Telegram' }).contact).toBe(
      '@ermekova',
    );
  });

  test('a number without a code follows the Settings country; the workbook in Moscow starts with Russia', () => {
    const settings = emulator.scriptRun<Record<string, unknown>>('apiGetSettings', [], { user: LEAD });
    expect(settings.phoneCountry).toBe('RU');
    emulator.scriptRun('apiSaveSettings', [{ ...settings, phoneCountry: 'UA' }], { user: LEAD });
    expect(register(emulator, { orderNo: 'K-602', contact: '067 123 45 67' }).contact).toBe('+380671234567');
    const refused = () => emulator.scriptRun('apiSaveSettings', [{ ...settings, phoneCountry: 'XX' }], { user: LEAD });
    expect(refused).toThrow(/KZ, RU, UA/);
  });
});

describe('a search costs the same service calls with 10 cases or 200', () => {
  test('apiListCases with a text', () => {
    const costs = [10, 200].map((count) => {
      const emulator = setUpWorkbook();
      for (let i = 0; i < count; i++)
        register(emulator, { orderNo: `K-${i}`, contact: `+7701555${String(i).padStart(4, '0')}` });
      const search = emulator.run<CaseList>('apiListCases', [{ text: 'K-7' }], { user: AGENT });
      expect(search.value.items.map((v) => v.orderNo)).toContain('K-7');
      return search.meter.totalCalls;
    });
    expect(costs[1]).toBe(costs[0]);
  });
});
