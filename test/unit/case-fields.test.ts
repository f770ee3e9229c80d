// What the declaration of a case's fields (src/domain/case-fields.ts) decides about registration
// and edits: which fields a person writes, which registration requires, and how each is checked.
import { EDITABLE_FIELDS, validateEdit, validateRegistration } from '../../src/domain/case-input';
import { DomainError } from '../../src/domain/errors';
import { defaultSettings } from '../../src/domain/settings';

const settings = defaultSettings('ru', 'Europe/Moscow');

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.problems.map((p) => `${p.field}:${p.key}${p.params?.max ?? ''}`);
    throw e;
  }
  return [];
}

const valid = {
  orderNo: 'K-1',
  client: 'Клиент',
  contact: '+7',
  channel: 'WhatsApp',
  source: 'Обращение клиента',
  kind: 'Брак',
  summary: 'Суть',
  criticality: 'C',
  ownerDept: 'Производство',
};

describe('the fields a person writes', () => {
  test('are these, in this order', () => {
    expect(EDITABLE_FIELDS).toEqual([
      'criticality',
      'orderNo',
      'client',
      'contact',
      'channel',
      'source',
      'kind',
      'summary',
      'evidence',
      'ownerDept',
      'ownerEmail',
      'agent',
      'manager',
      'team',
      'bypass',
      'stopShipment',
    ]);
  });

  test('registration requires some of them, each reported once; the rest may be left out', () => {
    expect(problems(() => validateRegistration({}, settings, 'a@example.com'))).toEqual([
      'criticality:input.criticality',
      'orderNo:input.required',
      'client:input.required',
      'contact:input.required',
      'channel:input.required',
      'source:input.required',
      'kind:input.required',
      'summary:input.required',
      'ownerDept:input.required',
    ]);
    expect(validateRegistration(valid, settings, 'A@Example.com')).toMatchObject({
      evidence: [],
      agent: 'a@example.com',
      manager: '',
      team: '',
      bypass: false,
      stopShipment: false,
    });
  });

  test('each is checked by what it holds: length, type, list, email, flag', () => {
    const long = (n: number) => 'x'.repeat(n);
    expect(
      problems(() =>
        validateEdit(
          {
            client: long(501),
            summary: long(5001),
            manager: long(501),
            team: 5,
            kind: 'Не из списка',
            agent: 'не почта',
            bypass: 'да',
            evidence: 'https://x',
          },
          settings,
        ),
      ),
    ).toEqual([
      'client:input.tooLong500',
      'kind:input.oneOf',
      'summary:input.tooLong5000',
      'evidence:input.evidence',
      'agent:input.email',
      'manager:input.tooLong500',
      'team:input.text',
      'bypass:input.boolean',
    ]);
    expect(problems(() => validateEdit({ summary: long(5000), team: '', ownerEmail: '' }, settings))).toEqual([]);
  });

  test('a field a step or Arbiter writes is not an edit', () => {
    expect(
      problems(() => validateEdit({ status: 'closed', resolution: 'r', createdAt: 0, id: 'X', version: 1 }, settings)),
    ).toEqual([
      'status:input.notEditable',
      'resolution:input.notEditable',
      'createdAt:input.notEditable',
      'id:input.notEditable',
    ]);
  });
});
