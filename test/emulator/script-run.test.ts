// google.script.run, as the HTML service guide describes it (developers.google.com/apps-script/
// guides/html/reference/run): "Legal parameters and return values are JavaScript primitives …
// objects and arrays … Requests fail if you attempt to pass a Date, Function, DOM element besides
// a form …"; a server function returning a Date gives the client null; names ending in an
// underscore are private.
import { checkCallable, ScriptRunError, transportArguments, transportResult } from '../../emulator/script-run';
import { writeBundle } from '../support/bundles';
import { Emulator } from '../../emulator/runtime';

describe('google.script.run transport', () => {
  test('plain data passes; undefined inside arrays becomes null; undefined fields are dropped', () => {
    expect(transportArguments([{ a: 1, b: undefined, c: [1, undefined, 'x'] }, 'text', true, null])).toEqual([
      { a: 1, c: [1, null, 'x'] },
      'text',
      true,
      null,
    ]);
  });

  test('a field named __proto__ arrives as a field, as JSON carries it, and sets no prototype', () => {
    const [sent] = transportArguments([JSON.parse('{"__proto__":{"polluted":true},"a":1}')]) as [object];
    expect(Object.keys(sent)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(sent)).toBe(Object.prototype);
    expect((sent as { polluted?: boolean }).polluted).toBeUndefined();
  });

  test('a Date or a function among the arguments fails the request', () => {
    expect(() => transportArguments([{ when: new Date() }])).toThrow(ScriptRunError);
    expect(() => transportArguments([() => 1])).toThrow(/function/);
  });

  test('a result holding a Date anywhere arrives as null', () => {
    expect(transportResult({ ok: true, at: new Date() })).toBeNull();
    expect(transportResult([{ nested: { at: new Date() } }])).toBeNull();
    expect(transportResult({ at: '2026-11-23T07:00:00.000Z' })).toEqual({ at: '2026-11-23T07:00:00.000Z' });
  });

  test('private names (ending in _) and unknown names cannot be called', () => {
    expect(() => checkCallable('helper_', ['helper_', 'api'])).toThrow(/Script function not found: helper_/);
    expect(() => checkCallable('missing', ['api'])).toThrow(/Script function not found/);
    expect(() => checkCallable('api', ['api'])).not.toThrow();
  });

  test('through the emulator: a bundle returning a Date gives the client null', () => {
    const dir = writeBundle(
      'function when() { return { at: new Date() }; }\nfunction iso() { return { at: new Date().toISOString() }; }\nfunction secret_() { return 1; }\n',
      { runtimeVersion: 'V8', timeZone: 'Europe/Moscow' },
    );
    const emulator = new Emulator({ buildDir: dir });
    expect(emulator.scriptRun('when')).toBeNull();
    expect(emulator.scriptRun('iso')).toEqual({ at: '2026-11-23T07:00:00.000Z' });
    expect(() => emulator.scriptRun('secret_')).toThrow(/not found/);
  });
});
