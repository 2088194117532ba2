import * as vscode from 'vscode';
import { shownText } from '../../core/shared/shownText';
import { abortSignalOf } from '../shared/abortSignal';
import { notify } from '../shared/notify';
import { Views } from '../../constants';
import type { ShownFailures } from '../../core/shared/shownFailures';
import { sessionForCommand } from '../auth/authCommands';
import type { BoomTownApi } from '../../core/api/boomtownApi';
import { reportWait } from '../shared/progressWaits';
import type { RawExchange } from '../../core/api/apiTypes';
import { renderRawDocument } from '../../core/explorer/rawDocument';
import { rawExchangeOf } from '../../core/api/httpErrors';
import { toCsv, toJson } from '../../core/leads/csv';
import { exportLeads } from '../../core/leads/exportLeads';
import { primaryValue } from '../../core/leads/contactPoints';
import type { LeadNode, LeadsModel } from '../../core/leads/leadsModel';
import type { CommandHandler } from '../shared/commands';
import type { RawDocuments } from '../explorer/rawDocuments';

const STAGES = ['new', 'attempted_contact', 'nurture', 'active', 'under_contract', 'closed', 'archived'];
const SORTS: Array<{ value: string; label: string }> = [
  { value: '-lastActivityAt', label: 'Latest activity first' },
  { value: '-createdAt', label: 'Newest first' },
  { value: 'lastName', label: 'Last name' },
];

interface LeadsCommandDeps {
  model: LeadsModel;
  api: BoomTownApi;
  documents: RawDocuments;
  shown: ShownFailures;
}

/** Commands of the leads view. Each is a thin translation from a UI gesture to the core model or API. */
export function leadsCommands(deps: LeadsCommandDeps): Record<
  'fetchLeads' | 'refreshLeads' | 'searchLeads' | 'filterLeads' | 'sortLeads' | 'loadMore' | 'openLeadJson' | 'copyLeadEmail' | 'copyLeadPhone' | 'copyLeadId' | 'exportLeads',
  CommandHandler
> {
  const { model, api, documents } = deps;
  const inView = <T>(task: () => Promise<T>) => vscode.window.withProgress({ location: { viewId: Views.leads } }, task);
  const showRaw = (title: string, raw: RawExchange) => documents.show(title, renderRawDocument(raw));

  return {
    fetchLeads: async () => {
      // Signs in when needed, exactly as another extension would.
      await sessionForCommand(deps.shown);
      // Loading before revealing the view: the model then knows a load is under way, and the
      // view's first showing (LeadsModel.showFirstTime) leaves it alone.
      const load = model.load();
      const loading = inView(() => load);
      await vscode.commands.executeCommand(`${Views.leads}.focus`);
      await loading;
    },
    refreshLeads: () => inView(() => model.load()),
    searchLeads: async () => {
      const q = await vscode.window.showInputBox({
        title: vscode.l10n.t('Search Leads'),
        prompt: vscode.l10n.t('Free text over name, email and phone. Leave empty to show all leads.'),
        value: model.query.q ?? '',
      });
      if (q === undefined) return;
      await inView(() => model.setQuery({ ...model.query, q: q.trim() || undefined }));
    },
    filterLeads: async () => {
      const all = vscode.l10n.t('All stages');
      const picked = await vscode.window.showQuickPick(
        [{ label: all, stage: undefined as string | undefined }, ...STAGES.map((stage) => ({ label: stage.replace(/_/g, ' '), stage }))],
        { title: vscode.l10n.t('Filter Leads by Stage'), placeHolder: model.query.stage ?? all },
      );
      if (!picked) return;
      await inView(() => model.setQuery({ ...model.query, stage: picked.stage }));
    },
    sortLeads: async () => {
      const picked = await vscode.window.showQuickPick(
        SORTS.map((s) => ({ label: vscode.l10n.t(s.label), description: s.value, value: s.value })),
        { title: vscode.l10n.t('Sort Leads') },
      );
      if (!picked) return;
      await inView(() => model.setQuery({ ...model.query, sort: picked.value }));
    },
    loadMore: (node?: LeadNode) => inView(() => model.loadMore(node)),
    openLeadJson: async (node?: LeadNode) => {
      const id = leadIdOf(node);
      if (!id) return;
      const result = await api.getLead(id).catch((error: unknown) => {
        // A failed answer is worth seeing too: show it, then let the boundary explain the error.
        const raw = rawExchangeOf(error);
        if (raw) void showRaw(`lead-${id}`, raw);
        throw error;
      });
      await showRaw(`lead-${id}`, result.raw);
    },
    copyLeadEmail: (node?: LeadNode) => copy(node, 'email'),
    copyLeadPhone: (node?: LeadNode) => copy(node, 'phone'),
    copyLeadId: (node?: LeadNode) => copy(node, 'id'),
    exportLeads: async () => {
      const target = await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Export Leads'),
        filters: { CSV: ['csv'], JSON: ['json'] },
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri.with({ path: `${vscode.workspace.workspaceFolders[0].uri.path}/boomtown-leads.csv` }),
      });
      if (!target) return;
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting BoomTown leads'), cancellable: true },
        (progress, token) =>
          exportLeads(api, model.query, {
            cancellation: abortSignalOf(token),
            onWait: reportWait(progress),
            onProgress: (count, total) =>
              progress.report({ message: total === undefined ? vscode.l10n.t('{0} leads', count) : vscode.l10n.t('{0} of {1} leads', count, total) }),
          }),
      );
      const text = target.path.toLowerCase().endsWith('.json') ? toJson(result.leads) : toCsv(result.leads);
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
      const skipped = result.malformed ? shownText(vscode.l10n.t(' ({0} unreadable entries left out)'), result.malformed) : shownText('');
      void notify('info', shownText(vscode.l10n.t('Exported {0} leads to {1}{2}.'), result.leads.length, target.fsPath || target.path, skipped));
      return result.leads.length;
    },
  };

  async function copy(node: LeadNode | undefined, what: 'email' | 'phone' | 'id'): Promise<void> {
    const id = leadIdOf(node);
    const lead = id ? model.leadById(id) : undefined;
    if (!id || !lead) return;
    const value = what === 'id' ? id : what === 'email' ? primaryValue(lead.emails) : primaryValue(lead.phones);
    if (!value) {
      void notify('info', what === 'email' ? shownText(vscode.l10n.t('This lead has no email.')) : shownText(vscode.l10n.t('This lead has no phone number.')));
      return;
    }
    await vscode.env.clipboard.writeText(value);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', what), 2000);
  }
}

function leadIdOf(node: LeadNode | undefined): string | undefined {
  return node?.kind === 'lead' ? node.id : undefined;
}

