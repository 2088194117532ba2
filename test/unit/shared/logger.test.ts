import assert from 'node:assert/strict';
import { type LogLevel, RedactingLogger } from '../../../src/core/shared/logger';
import { BoomTownError } from '../../../src/core/shared/errors';
import { Redactor } from '../../../src/core/shared/redact';

function collect() {
  const lines: Array<[LogLevel, string]> = [];
  const logger = new RedactingLogger((level, line) => lines.push([level, line]));
  return { logger, lines };
}

describe('RedactingLogger', () => {
  it('writes each level to the sink with its arguments formatted', () => {
    const { logger, lines } = collect();
    logger.trace('t', 1);
    logger.debug('d', { a: 1 });
    logger.info('i');
    logger.warn('w', 'x');
    logger.error(new BoomTownError('timeout', 'too slow'));
    logger.error('failed:', new Error('boom'));
    assert.deepEqual(lines, [
      ['trace', 't 1'],
      ['debug', 'd {"a":1}'],
      ['info', 'i'],
      ['warn', 'w x'],
      ['error', 'BoomTownError(timeout): too slow'],
      ['error', 'failed: Error: boom'],
    ]);
  });

  it('redacts the whole line, arguments included, with the redactor it exposes', () => {
    const { logger, lines } = collect();
    logger.redactor.add('registered-secret');
    logger.info('token registered-secret', { refresh_token: 'rt-x' }, 'Bearer abc');
    assert.equal(lines[0][1], 'token *** {"refresh_token":"***"} Bearer ***');
  });

  it('accepts a shared redactor and survives unserializable arguments', () => {
    const redactor = new Redactor();
    const lines: string[] = [];
    const logger = new RedactingLogger((_level, line) => lines.push(line), redactor);
    assert.equal(logger.redactor, redactor);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    logger.info('circular', circular);
    assert.equal(lines[0], 'circular [object Object]');
  });
});
