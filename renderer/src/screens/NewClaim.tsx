// A new claim starts with the plain questions; the checklist appears in the editor right after.
import { call } from '../api';
import { useApp } from '../app-context';
import { useState } from 'react';
import { ClaimForm, type ClaimPrefill } from '../components/ClaimForm';
import { InvoicePrefill } from '../components/InvoicePrefill';

export function NewClaim({ claimantId }: { claimantId?: number | undefined }) {
  const { tr, go, notify } = useApp();
  // Values read off a dropped invoice; the form starts again from them (key) so each is marked for checking.
  const [prefill, setPrefill] = useState<{ values: ClaimPrefill; n: number } | null>(null);
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
        <InvoicePrefill onRead={(values) => setPrefill((p) => ({ values, n: (p?.n ?? 0) + 1 }))} />
        <ClaimForm
          key={prefill?.n ?? 0}
          prefill={prefill?.values}
          claimantId={claimantId}
          offerBringList
          submitLabel={tr('创建并查看材料清单', 'Create and see the checklist')}
          onSubmit={async (fields) => {
            const claim = await call('createClaim', fields);
            notify('success', tr(`已创建报销单 ${claim.reference}`, `Created claim ${claim.reference}`));
            go({ screen: 'claim', claimId: claim.id });
          }}
          onCancel={() => go({ screen: 'board' })}
        />
      </div>
    </section>
  );
}
