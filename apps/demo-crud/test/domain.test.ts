// The domain rules without HTTP: merge patch (RFC 7396's own examples), entity tags and
// conditional headers, the validation of user input, and forms.
import { expect } from 'chai';
import { etagOf } from '../src/domain/etag.js';
import { applyMergePatch } from '../src/domain/merge-patch.js';
import { formToInput, userToForm, validateUser } from '../src/domain/user-input.js';

describe('applyMergePatch', () => {
  // RFC 7396, Appendix A: target, patch, result.
  const RFC_EXAMPLES: [string, string, string][] = [
    ['{"a":"b"}', '{"a":"c"}', '{"a":"c"}'],
    ['{"a":"b"}', '{"b":"c"}', '{"a":"b","b":"c"}'],
    ['{"a":"b"}', '{"a":null}', '{}'],
    ['{"a":"b","b":"c"}', '{"a":null}', '{"b":"c"}'],
    ['{"a":["b"]}', '{"a":"c"}', '{"a":"c"}'],
    ['{"a":"c"}', '{"a":["b"]}', '{"a":["b"]}'],
    ['{"a":{"b":"c"}}', '{"a":{"b":"d","c":null}}', '{"a":{"b":"d"}}'],
    ['{"a":[{"b":"c"}]}', '{"a":[1]}', '{"a":[1]}'],
    ['["a","b"]', '["c","d"]', '["c","d"]'],
    ['{"a":"b"}', '["c"]', '["c"]'],
    ['{"a":"foo"}', 'null', 'null'],
    ['{"a":"foo"}', '"bar"', '"bar"'],
    ['{"e":null}', '{"a":1}', '{"e":null,"a":1}'],
    ['[1,2]', '{"a":"b","c":null}', '{"a":"b"}'],
    ['{}', '{"a":{"bb":{"ccc":null}}}', '{"a":{"bb":{}}}'],
  ];
  for (const [target, patch, result] of RFC_EXAMPLES) {
    it(`${target} + ${patch} = ${result}`, () => {
      const t: unknown = JSON.parse(target);
      const before = JSON.stringify(t);
      expect(JSON.stringify(applyMergePatch(t, JSON.parse(patch)))).to.equal(result);
      expect(JSON.stringify(t)).to.equal(before, 'the target is not modified');
    });
  }

  it('keeps a "__proto__" member as data, never as the prototype', () => {
    const r = applyMergePatch({}, JSON.parse('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(r)).to.equal(Object.prototype);
    expect(Object.keys(r)).to.deep.equal(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });
});

describe('entity tags', () => {
  it('tags a user by id and version', () => {
    expect(etagOf({ id: 7, version: 3 })).to.equal('"7.3"');
  });
});

describe('validateUser', () => {
  const VALID: { name: string; input: unknown; fields: unknown }[] = [
    { name: 'name and email only', input: { name: 'Ada', email: 'ada@example.com' }, fields: { name: 'Ada', email: 'ada@example.com', age: null, bio: null } },
    { name: 'every field', input: { name: 'Ada', email: 'a@b.io', age: 36, bio: 'x' }, fields: { name: 'Ada', email: 'a@b.io', age: 36, bio: 'x' } },
    { name: 'surrounding spaces trimmed, the email lower-cased', input: { name: ' Ada ', email: ' ADA@example.com ' }, fields: { name: 'Ada', email: 'ada@example.com', age: null, bio: null } },
    { name: 'a decomposed é composed (NFKC)', input: { name: 'José', email: 'jose\u0301@example.com' }, fields: { name: 'José', email: 'jos\u00e9@example.com', age: null, bio: null } },
    { name: 'fullwidth letters made plain (NFKC)', input: { name: 'Ada', email: '\uff21da@example.com' }, fields: { name: 'Ada', email: 'ada@example.com', age: null, bio: null } },
    { name: 'a zero-width joiner inside a name', input: { name: 'Dev \u{1F469}\u200d\u{1F4BB}', email: 'a@b.io' }, fields: { name: 'Dev \u{1F469}\u200d\u{1F4BB}', email: 'a@b.io', age: null, bio: null } },
    { name: 'null age and bio', input: { name: 'A', email: 'a@b.io', age: null, bio: null }, fields: { name: 'A', email: 'a@b.io', age: null, bio: null } },
    { name: 'age at the bounds', input: { name: 'A', email: 'a@b.io', age: 150 }, fields: { name: 'A', email: 'a@b.io', age: 150, bio: null } },
  ];
  for (const c of VALID) {
    it(`accepts ${c.name}`, () => {
      expect(validateUser(c.input)).to.deep.equal({ ok: true, fields: c.fields });
    });
  }

  const INVALID: { name: string; input: unknown; errors: [string, string][] }[] = [
    { name: 'a missing name and email', input: {}, errors: [['name', 'is required'], ['email', 'is required']] },
    { name: 'a blank name', input: { name: '   ', email: 'a@b.io' }, errors: [['name', 'is required']] },
    { name: 'a name over 100 characters', input: { name: 'x'.repeat(101), email: 'a@b.io' }, errors: [['name', 'must be at most 100 characters']] },
    { name: 'a number as name', input: { name: 5, email: 'a@b.io' }, errors: [['name', 'must be text']] },
    { name: 'an email without @', input: { name: 'A', email: 'ada.example.com' }, errors: [['email', 'must be an email address, like ada@example.com']] },
    { name: 'an email with a space inside', input: { name: 'A', email: 'a da@b.io' }, errors: [['email', 'must be an email address, like ada@example.com']] },
    { name: 'an email with an empty domain label', input: { name: 'A', email: 'a@b..io' }, errors: [['email', 'must be an email address, like ada@example.com']] },
    { name: 'an email with a zero-width space', input: { name: 'A', email: 'a\u200b@b.io' }, errors: [['email', 'must not contain invisible formatting characters']] },
    { name: 'a name of zero-width spaces', input: { name: '\u200b\u200b', email: 'a@b.io' }, errors: [['name', 'must not contain invisible formatting characters']] },
    { name: 'a name with a bidi override', input: { name: 'A\u202eB', email: 'a@b.io' }, errors: [['name', 'must not contain invisible formatting characters']] },
    { name: 'a negative age', input: { name: 'A', email: 'a@b.io', age: -1 }, errors: [['age', 'must be a whole number from 0 to 150']] },
    { name: 'a fractional age', input: { name: 'A', email: 'a@b.io', age: 3.5 }, errors: [['age', 'must be a whole number from 0 to 150']] },
    { name: 'an age as text', input: { name: 'A', email: 'a@b.io', age: 'ten' }, errors: [['age', 'must be a whole number from 0 to 150']] },
    { name: 'a bio over 2000 characters', input: { name: 'A', email: 'a@b.io', bio: 'x'.repeat(2001) }, errors: [['bio', 'must be at most 2000 characters']] },
    { name: 'an unknown field', input: { name: 'A', email: 'a@b.io', id: 3 }, errors: [['id', 'is not a field of a user']] },
    { name: 'an array', input: [], errors: [['', 'must be an object']] },
  ];
  for (const c of INVALID) {
    it(`rejects ${c.name}, naming each field`, () => {
      const r = validateUser(c.input);
      expect(r.ok).to.equal(false);
      if (!r.ok) expect(r.errors.map((e) => [e.field, e.message])).to.deep.equal(c.errors);
    });
  }
});

describe('forms', () => {
  const CASES: { name: string; form: { name: string; email: string; age: string; bio: string }; input: unknown }[] = [
    { name: 'empty age and bio are none', form: { name: 'A', email: 'a@b.io', age: ' ', bio: '' }, input: { name: 'A', email: 'a@b.io', age: null, bio: null } },
    { name: 'digits are a number', form: { name: 'A', email: 'a@b.io', age: '42', bio: 'x' }, input: { name: 'A', email: 'a@b.io', age: 42, bio: 'x' } },
    { name: 'other text stays text', form: { name: 'A', email: 'a@b.io', age: '4.2', bio: '' }, input: { name: 'A', email: 'a@b.io', age: '4.2', bio: null } },
    { name: 'CRLF in the bio becomes LF', form: { name: 'A', email: 'a@b.io', age: '', bio: 'a\r\nb' }, input: { name: 'A', email: 'a@b.io', age: null, bio: 'a\nb' } },
  ];
  for (const c of CASES) {
    it(`reads a posted form: ${c.name}`, () => {
      expect(formToInput(c.form)).to.deep.equal(c.input);
    });
  }

  it('shows a stored user with empty text for no age and no bio', () => {
    expect(userToForm({ name: 'A', email: 'a@b.io', age: null, bio: null })).to.deep.equal({ name: 'A', email: 'a@b.io', age: '', bio: '' });
  });
});
