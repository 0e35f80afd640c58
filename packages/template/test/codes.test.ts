// Every ERR_TEMPLATE_* code of the package's catalogue is documented in the README's error
// table with the class that carries it, and is raised: each has a case below that makes the
// public API fail with it. (html mode's Go ErrorCode names are checked in html/codes.test.ts.)
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BadPatternError,
  HTMLTemplate,
  Template,
  TemplateError,
  TemplateExecError,
  TemplateParseError,
  TemplateUsageError,
  templateErrorCodes,
  type TemplateErrorCode,
} from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** For each code, the class that carries it and a use of the API that fails with it. */
const raisers: Record<TemplateErrorCode, { cls: abstract new (...args: never[]) => TemplateError; raise: () => unknown }> = {
  ERR_TEMPLATE_PARSE: { cls: TemplateParseError, raise: () => new Template('t').parse('{{if}}') },
  ERR_TEMPLATE_EXEC: { cls: TemplateExecError, raise: () => new Template('t').parse('{{.a.b}}').execute({ a: 1 }) },
  ERR_TEMPLATE_DEPTH: {
    cls: TemplateExecError,
    raise: () => new Template('t').limits({ maxDepth: 5 }).parse('{{define "r"}}{{template "r"}}{{end}}{{template "r"}}').execute(null),
  },
  ERR_TEMPLATE_OUTPUT_LIMIT: {
    cls: TemplateExecError,
    raise: () => new Template('t').limits({ maxOutput: 10 }).parse('{{range .}}0123456789{{end}}').execute(2),
  },
  ERR_TEMPLATE_USAGE: { cls: TemplateUsageError, raise: () => new HTMLTemplate('t').option('missingkey=maybe') },
  ERR_TEMPLATE_BAD_PATTERN: { cls: BadPatternError, raise: () => new Template('t').parseGlob(join(tmpdir(), 'a[')) },
};

describe('template error codes', () => {
  it('are all ERR_TEMPLATE_<WHAT>', () => {
    expect(templateErrorCodes.filter((code) => !/^ERR_TEMPLATE_[A-Z_]+$/.test(code))).to.deep.equal([]);
  });

  for (const code of templateErrorCodes) {
    const { cls, raise } = raisers[code];

    it(`${code} has a row in the README's error table, with its class`, () => {
      expect(readme).to.match(new RegExp(`^\\| \`${cls.name}\` \\| \`${code}\` \\| .+ \\| .+ \\|$`, 'm'));
    });

    it(`${code} is raised, as a ${cls.name}`, () => {
      expect(raise).to.throw(cls).with.property('code', code);
    });
  }
});
