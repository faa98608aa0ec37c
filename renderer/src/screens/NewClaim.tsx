// A new claim starts with the plain questions; the checklist appears in the editor right after. The papers
// dropped here pre-fill the form and are stored with the claim when it is created.
import { useCallback, useState } from 'react';
import type { ClaimDraftCheck } from '../../../shared/ipc';
import { ApiError, call, messageOf } from '../api';
import { useApp } from '../app-context';
import { ClaimForm, type ClaimPrefill } from '../components/ClaimForm';
import { prefillOfInvoices } from '../components/invoice-prefill';
import { NewClaimStack, type DroppedStack } from '../components/NewClaimStack';

/** Errors about the dropped files (shown beside their list), not about an answer of the form. */
function isFileError(err: unknown): err is ApiError {
  return (
    err instanceof ApiError &&
    (err.error.field === 'files' ||
      ['file_missing', 'file_unreadable', 'unsupported_file'].includes(err.error.code))
  );
}

export function NewClaim({ claimantId }: { claimantId?: number | undefined }) {
  const { tr, go, notify, lang } = useApp();
  // Values read off the dropped invoices; the form takes them in (each marked for checking) on each drop.
  const [prefill, setPrefill] = useState<{ values: ClaimPrefill; n: number } | null>(null);
  const [stack, setStack] = useState<DroppedStack>({ read: [], rejected: [] });
  const [stackError, setStackError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  // The papers main found to disagree with the others or with the chosen patient (marked in the list).
  const [disagreeing, setDisagreeing] = useState<ReadonlySet<string>>(new Set());
  const onDraftCheck = useCallback(
    (check: ClaimDraftCheck | null) => setDisagreeing(new Set(check?.notes.flatMap((n) => n.papers) ?? [])),
    [],
  );

  function onRead(next: DroppedStack, fresh: DroppedStack['read']) {
    setStack(next);
    setStackError(null);
    if (!fresh.some((r) => r.kind === 'invoice')) return;
    const values = prefillOfInvoices(next.read.filter((r) => r.kind === 'invoice').map((r) => r.fields));
    if (Object.keys(values).length === 0)
      notify('error', tr('没能从发票上读出内容，请手动填写', 'Nothing could be read from the invoice'));
    setPrefill((p) => ({ values, n: (p?.n ?? 0) + 1 }));
  }

  return (
    <section aria-labelledby="new-claim-title">
      <header className="page-header">
        <h1 id="new-claim-title">{tr('新建报销', 'New claim')}</h1>
        <p className="lead">
          {tr(
            '回答几个问题，马上列出需要准备的材料和原因。',
            'Answer a few questions to get the list of materials and why each is needed.',
          )}
        </p>
      </header>
      <div className="panel">
        <NewClaimStack
          stack={stack}
          disagreeing={disagreeing}
          error={stackError}
          disabled={creating}
          onRead={onRead}
          onRemove={(token) => setStack((s) => ({ ...s, read: s.read.filter((r) => r.token !== token) }))}
        />
        <ClaimForm
          prefill={prefill?.values}
          papers={stack.read}
          onDraftCheck={onDraftCheck}
          claimantId={claimantId}
          offerBringList
          submitLabel={
            stack.read.length > 0
              ? tr(`创建并放入 ${stack.read.length} 份材料`, `Create with ${stack.read.length} paper(s)`)
              : tr('创建并查看材料清单', 'Create and see the checklist')
          }
          onSubmit={async (fields) => {
            setStackError(null);
            if (stack.read.length === 0) {
              const claim = await call('createClaim', fields);
              notify('success', tr(`已创建报销单 ${claim.reference}`, `Created claim ${claim.reference}`));
              go({ screen: 'claim', claimId: claim.id });
              return;
            }
            setCreating(true);
            try {
              const made = await call('createClaimWithStack', {
                claim: fields,
                files: stack.read.map((r) => r.token),
              });
              notify(
                'success',
                tr(
                  `已创建报销单 ${made.claim.reference}，放入 ${made.placed.length} 份材料`,
                  `Created claim ${made.claim.reference} with ${made.placed.length} paper(s)`,
                ),
              );
              go({ screen: 'claim', claimId: made.claim.id, stack: made.placed });
            } catch (err) {
              // Nothing was created; the files stay listed so the person can remove one or try again.
              if (!isFileError(err)) throw err;
              setStackError(
                tr(
                  `${messageOf(err, lang)}。拖入的文件还在上面的列表里。`,
                  `${messageOf(err, lang)}. The dropped files are still listed above.`,
                ),
              );
            } finally {
              setCreating(false);
            }
          }}
          onCancel={() => go({ screen: 'board' })}
        />
      </div>
    </section>
  );
}
