import fc from 'fast-check';
import { newCase, validateRegistration } from '../../src/domain/case-input';
import { defaultSettings, type Settings } from '../../src/domain/settings';
import { caseView, type CaseView } from '../../src/server/views';
import {
  defaultOwner,
  draftOf,
  editErrors,
  editInput,
  emptyDraft,
  emptyTransitionDraft,
  registrationErrors,
  registrationInput,
  revalidate,
  transitionBody,
  transitionErrors,
  transitionFields,
  type CaseFieldsDraft,
  type FieldErrors,
} from '../../src/ui/forms';

const AGENT = 'agent@example.com';
const OWNER = 'prod@example.com';
const NOW = Date.parse('2026-11-23T10:00:00+03:00');

function settings(): Settings {
  const s = defaultSettings('ru', 'Europe/Moscow');
  s.team = [
    { email: 'lead@example.com', name: 'Lead', role: 'lead', team: '' },
    { email: AGENT, name: 'Agent', role: 'agent', team: '' },
  ];
  s.departments[0]!.owners = [OWNER, 'second@example.com'];
  return s;
}

function filled(overrides: Partial<CaseFieldsDraft> = {}): CaseFieldsDraft {
  return {
    ...emptyDraft(),
    orderNo: ' K-1042 ',
    client: 'Айгерим Сапарова',
    contact: '+77015550102',
    channel: 'WhatsApp',
    source: 'Обращение клиента',
    kind: 'Повреждение',
    summary: 'Царапина на фасаде',
    criticality: 'B',
    ownerDept: 'Производство',
    ...overrides,
  };
}

function view(overrides: Partial<CaseFieldsDraft> = {}, status?: CaseView['status']): CaseView {
  const s = settings();
  const c = newCase(
    'ARB-2026-00001',
    validateRegistration(registrationInput(filled(overrides)), s, AGENT),
    s,
    AGENT,
    NOW,
  );
  return caseView({ ...c, status: status ?? c.status }, s, NOW, { email: AGENT, role: 'agent' });
}

describe('the New case form', () => {
  test('an empty form: every required field has its message, in the user’s language', () => {
    const errors = registrationErrors(emptyDraft(), settings(), AGENT, 'ru');
    expect(Object.keys(errors).sort()).toEqual(
      ['channel', 'client', 'contact', 'criticality', 'kind', 'orderNo', 'ownerDept', 'source', 'summary'].sort(),
    );
    expect(errors.client).toBe('Обязательное поле.');
    expect(registrationErrors(emptyDraft(), settings(), AGENT, 'en').criticality).toBe(
      'Choose the criticality: A, B or C.',
    );
  });

  test('a filled form passes; optional fields left empty are not sent (the server fills them)', () => {
    const draft = filled();
    expect(registrationErrors(draft, settings(), AGENT, 'ru')).toEqual({});
    const input = registrationInput(draft);
    expect(input.orderNo).toBe('K-1042');
    expect(input).not.toHaveProperty('ownerEmail', expect.anything());
    expect(input.ownerEmail).toBeUndefined();
    expect(input.agent).toBeUndefined();
  });

  test('a link typed but not added still counts, and is checked like the others', () => {
    expect(registrationInput(filled({ evidenceLink: 'https://x.example/1' })).evidence).toEqual([
      'https://x.example/1',
    ]);
    const errors = registrationErrors(filled({ evidenceLink: 'photo on my phone' }), settings(), AGENT, 'ru');
    expect(errors.evidence).toBe('«photo on my phone» — не ссылка (нужен адрес, начинающийся с http:// или https://).');
  });

  test('a bad email and a value not in the lists are shown at their fields', () => {
    const errors = registrationErrors(filled({ ownerEmail: 'oleg', channel: 'Fax' }), settings(), AGENT, 'en');
    expect(errors).toEqual({
      ownerEmail: '“oleg” is not an email.',
      channel: '“Fax” is not in the list (Settings tab).',
    });
  });

  test('the owner email comes from the department’s first owner', () => {
    expect(defaultOwner(settings(), 'производство')).toBe(OWNER);
    expect(defaultOwner(settings(), 'Склад')).toBe('');
  });
});

describe('the edit mode', () => {
  test('only what changed is sent; unchanged fields are left to whoever else edits them', () => {
    const before = view();
    expect(editInput(before, draftOf(before))).toEqual({});
    const draft = { ...draftOf(before), summary: 'Новая суть', evidenceLink: 'https://x.example/2' };
    expect(editInput(before, draft)).toEqual({ summary: 'Новая суть', evidence: ['https://x.example/2'] });
    expect(editErrors({ client: '' }, settings(), 'ru')).toEqual({ client: 'Обязательное поле.' });
  });
});

describe('a step asks only for what its guard needs', () => {
  test('the fields per step', () => {
    const b = view();
    expect(transitionFields(b, 'in_progress')).toEqual([]);
    expect(transitionFields(view({ ownerDept: 'Склад' }), 'in_progress')).toEqual(['ownerDept', 'ownerEmail']);
    expect(transitionFields(b, 'waiting_client')).toEqual([]);
    expect(transitionFields(b, 'resolved')).toEqual(['resolution']);
    expect(transitionFields(view({ criticality: 'A' }), 'resolved')).toEqual(['resolution', 'evidence']);
    expect(transitionFields(view({ criticality: 'A', evidence: ['https://x.example/1'] }), 'resolved')).toEqual([
      'resolution',
    ]);
    expect(transitionFields(b, 'closed')).toEqual(['rootCause', 'prevention', 'csat', 'nps']);
    expect(transitionFields(view({ criticality: 'C' }), 'closed')).toEqual(['rootCause', 'csat', 'nps']);
    expect(transitionFields(b, 'cancelled')).toEqual(['reason']);
    expect(transitionFields(b, 'reopened')).toEqual(['note']);
  });

  test('closing without a root cause: the guard’s own messages, at the fields', () => {
    const b = view({}, 'resolved');
    const errors = transitionErrors(b, 'closed', emptyTransitionDraft(b), settings(), 'ru');
    expect(errors).toEqual({
      rootCause: 'Чтобы закрыть кейс, выберите корневую причину.',
      prevention: 'Кейс критичности B закрывается только с профилактикой: что сделано, чтобы не повторилось.',
    });
    const scores = {
      ...emptyTransitionDraft(b),
      rootCause: 'Ошибка поставщика',
      prevention: 'Да',
      csat: '7',
      nps: 'x',
    };
    expect(transitionErrors(b, 'closed', scores, settings(), 'en')).toEqual({
      csat: 'CSAT is a whole number from 1 to 5.',
      nps: 'NPS is a whole number from 0 to 10.',
    });
  });

  test('the body carries the step’s fields only, scores as numbers, empty ones left out', () => {
    const b = view({}, 'resolved');
    const draft = {
      ...emptyTransitionDraft(b),
      rootCause: 'Ошибка поставщика',
      prevention: ' Проверка ',
      csat: '5',
      reason: 'not asked',
    };
    expect(transitionBody(b, 'closed', draft)).toEqual({
      to: 'closed',
      version: 1,
      rootCause: 'Ошибка поставщика',
      prevention: 'Проверка',
      csat: 5,
    });
  });

  test('an A case resolved with a new evidence link: the link goes with the step', () => {
    const a = view({ criticality: 'A' }, 'in_progress');
    const draft = { ...emptyTransitionDraft(a), resolution: 'Заменили', evidenceLink: 'https://x.example/act' };
    expect(transitionErrors(a, 'resolved', draft, settings(), 'ru')).toEqual({});
    expect(transitionBody(a, 'resolved', draft)).toEqual({
      to: 'resolved',
      version: 1,
      resolution: 'Заменили',
      evidence: ['https://x.example/act'],
    });
    const missing = transitionErrors(a, 'resolved', { ...draft, evidenceLink: '' }, settings(), 'ru');
    expect(missing.evidence).toContain('только со ссылкой на подтверждение');
    const bad = transitionErrors(a, 'resolved', { ...draft, evidenceLink: 'фото у меня' }, settings(), 'en');
    expect(bad.evidence).toBe('“фото у меня” is not a link (an address starting with http:// or https:// is needed).');
  });

  test('starting work on a case without an owner: the owner goes with the step', () => {
    const c = view({ ownerDept: 'Склад' });
    const draft = { ...emptyTransitionDraft(c), ownerEmail: 'sklad@example.com' };
    expect(transitionErrors(c, 'in_progress', draft, settings(), 'ru')).toEqual({});
    expect(transitionBody(c, 'in_progress', draft)).toEqual({
      to: 'in_progress',
      version: 1,
      ownerEmail: 'sklad@example.com',
    });
    expect(transitionErrors(c, 'in_progress', emptyTransitionDraft(c), settings(), 'ru')).toEqual({
      ownerEmail: 'Чтобы взять кейс в работу, укажите email владельца решения.',
    });
    expect(transitionErrors(c, 'in_progress', { ...draft, ownerEmail: 'склад' }, settings(), 'en')).toEqual({
      ownerEmail: '“склад” is not an email.',
    });
    // Another department, nobody named: its default owner takes the case, as an edit does.
    const moved = { ...emptyTransitionDraft(c), ownerDept: 'Производство' };
    expect(transitionBody(c, 'in_progress', moved)).toEqual({
      to: 'in_progress',
      version: 1,
      ownerDept: 'Производство',
    });
    expect(transitionErrors(c, 'in_progress', moved, settings(), 'ru')).toEqual({});
  });
});

describe('messages follow the typing (revalidate)', () => {
  const s = settings();
  const FIX = 'Исправьте отмеченные поля.';
  const check = (d: CaseFieldsDraft) => registrationErrors(d, s, AGENT, 'ru');
  const blank = emptyDraft();
  const shownFor = (d: CaseFieldsDraft): FieldErrors => ({ ...check(d), '': FIX });

  test("a field's message goes once that field is valid; the others stay, and nothing new appears", () => {
    const shown = shownFor(blank);
    expect(shown.orderNo && shown.client && shown.summary).toBeTruthy();
    const typed = { ...blank, orderNo: 'K-1042' };
    const next = revalidate(shown, blank, typed, check, FIX);
    expect(next.orderNo).toBeUndefined();
    expect(next.client).toBe(shown.client);
    expect(next['']).toBe(FIX);
    // A field without a message gets none while typed (a half-typed client is not reproached).
    expect(revalidate({ orderNo: shown.orderNo! }, blank, { ...blank, client: 'А' }, check, FIX)).toEqual({
      orderNo: shown.orderNo,
    });
  });

  test('a message still deserved is updated to what is wrong now', () => {
    const shown = shownFor(blank);
    const tooLong = { ...blank, summary: 'x'.repeat(5001) };
    const next = revalidate(shown, blank, tooLong, check, FIX);
    expect(next.summary).toBe(check(tooLong).summary);
    expect(next.summary).not.toBe(shown.summary);
  });

  test('the general "fix the fields" goes with the last field message; another general message stays', () => {
    const draft = filled({ orderNo: '' });
    const shown = shownFor(draft);
    expect(Object.keys(shown).sort()).toEqual(['', 'orderNo']);
    expect(revalidate(shown, draft, filled(), check, FIX)).toEqual({});
    const conflict = { '': 'Кейс изменил кто-то другой.', orderNo: shown.orderNo! };
    expect(revalidate(conflict, draft, filled(), check, FIX)).toEqual({ '': conflict[''] });
  });

  test("the server's word on a field the form cannot check stays until that field changes", () => {
    const draft = filled({ agent: 'someone@gmail.com' });
    const server = { agent: 'Не из команды.', '': FIX };
    const other = { ...draft, client: 'Айгерим' };
    expect(revalidate(server, draft, other, check, FIX)).toEqual(server);
    expect(revalidate(server, other, { ...other, agent: AGENT }, check, FIX)).toEqual({});
  });

  test('the evidence message goes when a link is typed, not only when one is added', () => {
    const draft = filled({ criticality: 'A' });
    const shown = { evidence: 'Нужна ссылка.' };
    expect(revalidate(shown, draft, { ...draft, evidenceLink: 'https://x.example/a.jpg' }, () => ({}), FIX)).toEqual(
      {},
    );
  });

  test('property: every message left is one the check still finds or one whose field was not changed', () => {
    fc.assert(
      fc.property(
        fc.record({ orderNo: fc.string(), client: fc.string(), summary: fc.string(), contact: fc.string() }),
        fc.record({ orderNo: fc.string(), client: fc.string(), summary: fc.string(), contact: fc.string() }),
        (a, b) => {
          const before = { ...blank, ...a };
          const after = { ...blank, ...b };
          const shown = shownFor(before);
          const next = revalidate(shown, before, after, check, FIX);
          const now = check(after);
          for (const [field, text] of Object.entries(next)) {
            if (field === '') continue;
            expect(text === now[field] || (before as never)[field] === (after as never)[field]).toBe(true);
            expect(field in shown).toBe(true);
          }
          if (Object.keys(next).length > 0 && !Object.keys(next).some(Boolean)) throw new Error('a lone general');
        },
      ),
    );
  });
});
