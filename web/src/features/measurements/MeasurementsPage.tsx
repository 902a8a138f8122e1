import './measurements.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { Alert, Notice } from '../../components/Alert';
import { MeasurementResults } from '../../components/MeasurementResults';
import { Link } from '../../components/Link';
import { LoadError, Loading } from '../../components/QueryState';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { isApiError } from '../../lib/api';
import type { TrajectoryDetail } from '../../lib/api-types';
import { canWorkCases } from '../../lib/access';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useAssessments, useHouseholdMembers, useInstruments, useTrajectory } from './queries';
import type { MeasureFacts } from './ScoreForms';
import { HealthForm, ZrmForm } from './ScoreForms';

/** "Brouwers" from "Jolanda Brouwers, Kevin Brouwers" (for the title). */
function familyNames(members: string | null | undefined): string {
  const names = (members ?? '')
    .split(',')
    .map((name) => name.trim().split(/\s+/).slice(1).join(' '))
    .filter(Boolean);
  return [...new Set(names)].join(' / ');
}

/** The measurements of one trajectory: the radar charts and changes, and the scoring forms. */
export function MeasurementsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const trajectory = useTrajectory(id);
  const names = familyNames(trajectory.data?.household.members);
  const title = names ? t('measurements.titleWithName', { name: names }) : t('measurements.title');
  useDocumentTitle(title);

  return (
    <>
      <p className="sk-back">
        <Link to={`/trajecten/${id}`}>← {t('measurements.back')}</Link>
      </p>
      <PageTitle>{title}</PageTitle>
      <Paragraph lead>{t('measurements.intro')}</Paragraph>
      {trajectory.isPending && <Loading />}
      {trajectory.isError &&
        (isApiError(trajectory.error, 404) ? (
          <Alert type="warning">
            <Paragraph>{t('measurements.notFound')}</Paragraph>
          </Alert>
        ) : (
          <LoadError error={trajectory.error} onRetry={() => void trajectory.refetch()} />
        ))}
      {trajectory.data && <Measurements trajectory={trajectory.data} />}
    </>
  );
}

function Measurements({ trajectory }: { trajectory: TrajectoryDetail }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const role = useSession().data?.user.role;
  const assessments = useAssessments(trajectory.id);
  const instruments = useInstruments();
  // Whom the forms may measure: only read for those who score.
  const members = useHouseholdMembers(trajectory.householdId, canWorkCases(role));
  const [notice, setNotice] = useState<{ text: string; n: number } | null>(null);
  const zrm = instruments.data?.find((item) => item.kind === 'zrm' && item.inUse);
  const health = instruments.data?.find((item) => item.kind === 'positive_health' && item.inUse);
  const items = assessments.data?.items ?? [];
  // What the forms choose their member, moment and date hint from (moments.ts): per person, as
  // the server records them.
  const facts: MeasureFacts | null =
    assessments.data && members.data
      ? {
          taken: items,
          threeMonthDay: assessments.data.threeMonthDay,
          registeredResidentId: assessments.data.registeredResidentId,
          members: members.data,
          asked: params.get('moment'),
        }
      : null;
  // Each form starts afresh (with the next open moment) when a measurement of its own instrument
  // is added, not on any new measurement: saving the ZRM keeps half-typed Positieve Gezondheid
  // scores, and the other way round.
  const countOf = (instrument: string) =>
    items.filter((item) => item.instrument === instrument).length;

  return (
    <>
      {trajectory.status === 'closed' && (
        <Alert type="info">
          <Paragraph>{t('measurements.closedNotice')}</Paragraph>
        </Alert>
      )}
      <section aria-labelledby="metingen-resultaten" className="sk-section">
        <Heading level={2} id="metingen-resultaten">
          {t('measurements.resultsTitle')}
        </Heading>
        {assessments.isPending && <Loading />}
        {assessments.isError && (
          <LoadError error={assessments.error} onRetry={() => void assessments.refetch()} />
        )}
        {assessments.data &&
          (items.length === 0 ? (
            <Paragraph>{t('measurements.noResults')}</Paragraph>
          ) : (
            <MeasurementResults data={assessments.data} headingLevel={3} idPrefix="result" />
          ))}
        {canWorkCases(role) && zrm && (
          <p>
            <a className="utrecht-link utrecht-link--html-a" href="#zrm-title">
              {t('measurements.toForm')}
            </a>
          </p>
        )}
      </section>

      {notice && (
        <Notice key={notice.n} type="ok">
          <Paragraph>{notice.text}</Paragraph>
        </Notice>
      )}
      {!canWorkCases(role) ? (
        <Paragraph className="sk-muted">{t('measurements.readOnly')}</Paragraph>
      ) : (
        <>
          {(instruments.isPending || members.isPending) && <Loading />}
          {instruments.isError && (
            <LoadError error={instruments.error} onRetry={() => void instruments.refetch()} />
          )}
          {members.isError && (
            <LoadError error={members.error} onRetry={() => void members.refetch()} />
          )}
          {instruments.data && !zrm && (
            <Alert type="warning">
              <Paragraph>{t('measurements.noInstrument')}</Paragraph>
            </Alert>
          )}
          {zrm && facts && (
            <ZrmForm
              key={`zrm-${countOf(zrm.key)}`}
              trajectory={trajectory}
              instrument={zrm}
              facts={facts}
              onSaved={(text) => setNotice({ text, n: Date.now() })}
            />
          )}
          {health && facts && (
            <HealthForm
              key={`ph-${countOf(health.key)}`}
              trajectory={trajectory}
              instrument={health}
              facts={facts}
              onSaved={(text) => setNotice({ text, n: Date.now() })}
            />
          )}
        </>
      )}
    </>
  );
}
