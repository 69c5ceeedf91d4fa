import { findProtoKey } from './json-body';

describe('findProtoKey', () => {
  it.each([
    ['{"__proto__": {"admin": true}}', '__proto__'],
    ['{"a": {"constructor": {"prototype": 1}}}', 'constructor'],
    ['{"a": [1, {"b": [{"prototype": 2}]}]}', 'prototype'],
    ['{"a": {"b": [1, "__proto__", {"c": null}]}}', undefined],
    ['[{"x": 1}]', undefined],
    ['"__proto__"', undefined],
  ])('finds the prototype key of %s', (json, key) => {
    expect(findProtoKey(JSON.parse(json))).toBe(key);
  });

  it('walks deep nesting without overflowing the stack', () => {
    const deep = `${'{"a":'.repeat(20_000)}{"__proto__":1}${'}'.repeat(20_000)}`;
    expect(findProtoKey(JSON.parse(deep))).toBe('__proto__');
  });
});
