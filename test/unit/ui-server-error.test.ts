import { parseServerError, splitByField } from '../../src/ui/server-error';
import { serverErrorsByField } from '../../src/ui/forms';

describe('the sidebar reads the tag of a server error', () => {
  test('kind and fields come from the tag; the message is what follows it', () => {
    expect(parseServerError(new Error('[validation orderNo client] Номер заказа: Обязательное поле.'))).toEqual({
      kind: 'validation',
      fields: ['orderNo', 'client'],
      message: 'Номер заказа: Обязательное поле.',
    });
    expect(parseServerError(new Error('[conflict] Кейс ARB-2026-00001 уже изменил кто-то другой.'))).toEqual({
      kind: 'conflict',
      fields: [],
      message: 'Кейс ARB-2026-00001 уже изменил кто-то другой.',
    });
    expect(parseServerError('[forbidden] Для этого нужна роль: Руководитель КС.').kind).toBe('forbidden');
    expect(parseServerError('[not_found] Case ARB-2026-00009 was not found.').kind).toBe('not_found');
    expect(parseServerError('[guard rootCause] Root cause: To close the case, choose the root cause.')).toMatchObject({
      kind: 'guard',
      fields: ['rootCause'],
    });
  });

  test('what google.script.run or a browser puts before the message is dropped', () => {
    expect(parseServerError(new Error('Error: [guard resolution] x')).kind).toBe('guard');
    expect(parseServerError(new Error('Exception: [conflict] y'))).toMatchObject({ kind: 'conflict', message: 'y' });
    expect(parseServerError(new Error('ScriptError: [forbidden] z')).kind).toBe('forbidden');
  });

  test('an error without a tag (network, Apps Script itself) is kept whole, kind unknown', () => {
    expect(parseServerError(new Error('NetworkError: Connection failure due to HTTP 500'))).toEqual({
      kind: 'unknown',
      fields: [],
      message: 'NetworkError: Connection failure due to HTTP 500',
    });
    expect(parseServerError(undefined).message).toBe('');
  });

  test('the message is cut at each field label, one part per field, in either language', () => {
    const ru = parseServerError(
      '[validation orderNo client evidence] Номер заказа: Обязательное поле. Клиент: Обязательное поле. ' +
        'Фото и видео: «ftp://x» — не ссылка. Фото и видео: Не больше 20 ссылок.',
    );
    expect(splitByField(ru, 'ru')).toEqual({
      byField: {
        orderNo: 'Обязательное поле.',
        client: 'Обязательное поле.',
        evidence: '«ftp://x» — не ссылка. Не больше 20 ссылок.',
      },
      general: '',
    });
    const en = parseServerError('[guard resolution evidence] What was done: Describe it. Photos and videos: A link.');
    expect(splitByField(en, 'en').byField).toEqual({ resolution: 'Describe it.', evidence: 'A link.' });
  });

  test('a field without a label in the catalog (a Settings path) is found by its name', () => {
    const error = parseServerError('[validation team.2.email] team.2.email: Нужен email.');
    expect(splitByField(error, 'ru').byField).toEqual({ 'team.2.email': 'Нужен email.' });
  });

  test('as form errors: conflicts and refusals are general, validation goes next to the fields', () => {
    expect(serverErrorsByField(parseServerError('[conflict] Обновите кейс.'), 'ru')).toEqual({ '': 'Обновите кейс.' });
    expect(serverErrorsByField(parseServerError('[validation client] Клиент: Обязательное поле.'), 'ru')).toEqual({
      client: 'Обязательное поле.',
    });
    // A message that does not name the field's label is shown whole, as a general message.
    expect(serverErrorsByField(parseServerError('[validation nps] Something else.'), 'ru')).toEqual({
      '': 'Something else.',
    });
    // A guard's refusal about one field, said as a whole sentence (a zone of growth's), is that field's.
    expect(
      serverErrorsByField(parseServerError('[guard date] Чтобы назначить брифинг, укажите его дату.'), 'ru'),
    ).toEqual({ date: 'Чтобы назначить брифинг, укажите его дату.' });
    expect(serverErrorsByField(parseServerError('[guard date reason] Укажите дату. Укажите причину.'), 'ru')).toEqual({
      '': 'Укажите дату. Укажите причину.',
    });
  });
});
