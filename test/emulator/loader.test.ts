import { VirtualClock } from '../../emulator/core/clock';
import { createScriptContext, invoke, loadBundle, topLevelFunctionNames, ExecutionError } from '../../emulator/loader';
import { writeBundle } from '../support/bundles';

function runBundle(code: string, fn = 'main', args: unknown[] = [], globals: Record<string, unknown> = {}) {
  const bundle = loadBundle(writeBundle(code));
  const clock = new VirtualClock(Date.UTC(2026, 10, 23, 7, 0, 0));
  return invoke(bundle, createScriptContext({ clock, globals }), fn, args, 2000);
}

describe('the loader runs a bundle as Apps Script does', () => {
  test.each([
    ['require', "function main() { return require('fs'); }", 'require is not defined'],
    ['process', 'function main() { return process.env; }', 'process is not defined'],
    ['setTimeout', 'function main() { setTimeout(() => 0, 1); }', 'setTimeout is not defined'],
    ['fetch', "function main() { return fetch('http://example.com'); }", 'fetch is not defined'],
    ['Buffer', "function main() { return Buffer.from('x'); }", 'Buffer is not defined'],
    ['a Node global at load time', 'var fs = require("fs"); function main() { return 1; }', 'require is not defined'],
  ])('a bundle using %s fails', (_what, code, message) => {
    let caught: unknown;
    try {
      runBundle(code);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExecutionError);
    expect((caught as ExecutionError).message).toBe(message);
  });

  test('each execution starts with a fresh global scope', () => {
    const bundle = loadBundle(writeBundle('var count = 0; function main() { count += 1; return count; }'));
    const clock = new VirtualClock(0);
    const first = invoke(bundle, createScriptContext({ clock, globals: {} }), 'main', []);
    const second = invoke(bundle, createScriptContext({ clock, globals: {} }), 'main', []);
    expect([first, second]).toEqual([1, 1]);
  });

  test('new Date() and Date.now() follow the virtual clock; other Date uses are real', () => {
    const value = runBundle(
      'function main() { return [new Date().toISOString(), Date.now(), new Date(0).toISOString(), typeof Date()]; }',
    );
    expect(value).toEqual([
      '2026-11-23T07:00:00.000Z',
      Date.UTC(2026, 10, 23, 7),
      '1970-01-01T00:00:00.000Z',
      'string',
    ]);
  });

  test('dates made by the fakes are instanceof Date inside the bundle, and errors instanceof Error', () => {
    const value = runBundle(
      'function main() { var d = Fake.date(); var caught; try { Fake.fail(); } catch (e) { caught = e instanceof Error && e.message; } return [d instanceof Date, caught]; }',
      'main',
      [],
      {
        Fake: {
          date: () => new Date(),
          fail: () => {
            throw new Error('from a fake');
          },
        },
      },
    );
    expect(value).toEqual([true, 'from a fake']);
  });

  test('arguments are passed and the return value comes back', () => {
    expect(runBundle('function main(a, b) { return { sum: a + b }; }', 'main', [2, 3])).toEqual({ sum: 5 });
  });

  test('calling a function the bundle does not declare fails with Apps Script wording', () => {
    expect(() => runBundle('function main() {}', 'missing')).toThrow('Script function not found: missing');
  });

  test('a runaway loop is stopped', () => {
    expect(() => runBundle('function main() { for (;;) {} }')).toThrow(/timed out/);
  });

  test('a manifest without the V8 runtime is refused', () => {
    expect(() => loadBundle(writeBundle('function main() {}', { runtimeVersion: 'DEPRECATED_ES5' }))).toThrow(/V8/);
  });

  test('top-level function declarations are what Apps Script lists', () => {
    const names = topLevelFunctionNames(
      'function a() {}\n  function nested() {}\nvar b = function () {};\nfunction c_(x) {}\n',
    );
    expect(names).toEqual(['a', 'c_']);
  });
});
