// The API report of each package: api-extractor's summary of what the package's published
// declarations (dist/index.d.ts, after `npm run build`) export, committed as
// packages/<name>/api/<name>.api.md so that every change of a public API is a visible diff.
//
//   npm run api                              builds, then rewrites every report
//   tsx scripts/api-report.ts --check        fails when a report differs from the declarations
//
// test/api-report.test.ts runs the check for every package.
import { Extractor, ExtractorConfig, ExtractorLogLevel } from '@microsoft/api-extractor';
import type { ExtractorMessage, IConfigFile } from '@microsoft/api-extractor';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What regenerates the reports; every failure message names it. */
export const REGENERATE = 'npm run api';

/** The directory names under packages/ of the published packages (those that are not private). */
export function publishedPackages(): string[] {
  const dir = path.join(ROOT, 'packages');
  return readdirSync(dir)
    .filter((name) => existsSync(path.join(dir, name, 'package.json')))
    .filter((name) => (JSON.parse(readFileSync(path.join(dir, name, 'package.json'), 'utf8')) as { private?: boolean }).private !== true)
    .sort();
}

/** Where the committed report of `name` lives. */
export function reportPath(name: string): string {
  return path.join(ROOT, 'packages', name, 'api', `${name}.api.md`);
}

/** The outcome of one package's extraction. */
export interface ReportResult {
  name: string;
  /** True when the declarations no longer match the committed report. */
  changed: boolean;
  /** The report the declarations give now. */
  current: string;
  /** api-extractor's errors (a broken declaration, a missing entry point). */
  errors: string[];
}

function configOf(name: string, tempFolder: string): IConfigFile {
  const pkg = path.join(ROOT, 'packages', name);
  return {
    projectFolder: pkg,
    mainEntryPointFilePath: path.join(pkg, 'dist', 'index.d.ts'),
    bundledPackages: [],
    compiler: { tsconfigFilePath: path.join(pkg, 'tsconfig.json') },
    apiReport: {
      enabled: true,
      reportFileName: `${name}.api.md`,
      reportFolder: path.join(pkg, 'api'),
      reportTempFolder: tempFolder,
      includeForgottenExports: true,
    },
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    newlineKind: 'lf',
    messages: {
      // Problems of the API itself (an export that is not exported, a missing release tag) are
      // written into the report, where a reviewer sees them, rather than failing the run.
      // The packages use no release tags (@public, @beta): every export is public.
      extractorMessageReporting: {
        default: { logLevel: ExtractorLogLevel.None, addToApiReportFile: true },
        'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
      },
      compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Error } },
      tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
    },
  };
}

/**
 * Extracts the report of packages/`name`. With `update`, writes it over the committed one;
 * without, only compares (the new report goes to a temporary folder).
 */
export function apiReport(name: string, update: boolean): ReportResult {
  const temp = mkdtempSync(path.join(tmpdir(), 'sloe-api-'));
  try {
    const pkg = path.join(ROOT, 'packages', name);
    if (update) mkdirSync(path.join(pkg, 'api'), { recursive: true });
    const config = ExtractorConfig.prepare({
      configObject: configOf(name, temp),
      configObjectFullPath: path.join(pkg, 'api-extractor.json'),
      packageJsonFullPath: path.join(pkg, 'package.json'),
    });
    const errors: string[] = [];
    const result = Extractor.invoke(config, {
      localBuild: update,
      messageCallback(m: ExtractorMessage) {
        if (m.logLevel === ExtractorLogLevel.Error) errors.push(m.formatMessageWithLocation(pkg));
        // Progress and the "API changed" notice: this script says it in its own words.
        m.handled = true;
      },
    });
    const current = readFileSync(path.join(update ? path.join(pkg, 'api') : temp, `${name}.api.md`), 'utf8');
    return { name, changed: result.apiReportChanged, current, errors };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function main(): void {
  const check = process.argv.includes('--check');
  let failed = false;
  for (const name of publishedPackages()) {
    const r = apiReport(name, !check);
    const file = path.relative(ROOT, reportPath(name));
    if (r.errors.length > 0) {
      failed = true;
      console.error(`${file}: api-extractor failed:\n  ${r.errors.join('\n  ')}`);
    } else if (check && r.changed) {
      failed = true;
      console.error(`${file} differs from the public API of @sloe/${name}: run \`${REGENERATE}\` and commit the report`);
    } else {
      console.log(`${file}: ${r.changed ? 'updated' : 'unchanged'}`);
    }
  }
  if (failed) process.exit(1);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
