import * as l10n from '@vscode/l10n';
import type { ContractOperation, ContractParameter } from '../../api/contract/apiContract';

/** Markdown for a hover or a completion's documentation: method, summary, description, parameters, answer. */
export function operationMarkdown(operation: ContractOperation): string {
  const lines = [`**${operation.method.toUpperCase()}** \`${operation.path}\``, '', operation.summary];
  if (operation.description && operation.description !== operation.summary) lines.push('', operation.description);
  if (operation.parameters.length > 0) {
    lines.push('', `**${l10n.t('Parameters')}**`, '');
    for (const parameter of operation.parameters) lines.push(`- ${parameterLine(parameter)}`);
  }
  if (operation.answer) lines.push('', `**${l10n.t('Answer')}**`, '', '```', operation.answer, '```');
  return lines.join('\n');
}

/** Markdown for a parameter's hover: type, default, range, enum, description. */
export function parameterMarkdown(parameter: ContractParameter): string {
  const lines = [parameterLine(parameter)];
  if (parameter.enum && parameter.enum.length > 0) lines.push('', l10n.t('One of: {0}', parameter.enum.map((value) => `\`${value}\``).join(', ')));
  if (parameter.description) lines.push('', parameter.description);
  return lines.join('\n');
}

/** `` `limit` (query, integer) — default 25, maximum 100 `` */
function parameterLine(parameter: ContractParameter): string {
  const facts: string[] = [];
  if (parameter.required) facts.push(l10n.t('required'));
  if (parameter.default !== undefined) facts.push(l10n.t('default {0}', JSON.stringify(parameter.default)));
  if (parameter.minimum !== undefined) facts.push(l10n.t('minimum {0}', parameter.minimum));
  if (parameter.maximum !== undefined) facts.push(l10n.t('maximum {0}', parameter.maximum));
  const head = `\`${parameter.name}\` (${parameter.in}, ${parameter.type})`;
  return facts.length > 0 ? `${head} — ${facts.join(', ')}` : head;
}
