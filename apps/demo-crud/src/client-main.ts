#!/usr/bin/env node
// The `sloe-users` program: the command line of cli.ts on the process's arguments and
// environment, results on stdout, failures on stderr in one line, the exit status from runCli.
import { runCli } from './cli.js';

process.exitCode = await runCli(
  process.argv.slice(2),
  process.env,
  (line) => process.stdout.write(`${line}\n`),
  (line) => process.stderr.write(`${line}\n`),
);
