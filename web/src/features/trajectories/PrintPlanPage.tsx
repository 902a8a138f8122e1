import './trajectories.css';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ButtonGroup } from '../../components/Button';
import { Link } from '../../components/Link';
import { PrintButton } from '../../components/PrintButton';
import { LoadError, Loading } from '../../components/QueryState';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { formatDate } from '../../lib/format';
import { dateInAmsterdam } from '../../lib/calendar';
import { useLanguage } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { householdName } from './format';
import { PlanView } from './PlanView';
import { usePlan, useTrajectory } from './queries';

/** The krachtplan as a clean document for the resident, to print or to save as PDF. */
export function PrintPlanPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const language = useLanguage();
  const trajectory = useTrajectory(id);
  const plan = usePlan(id);
  const name = trajectory.data ? householdName(trajectory.data, t) : '';
  const title = name ? t('traj.print.title', { name }) : t('traj.print.titlePlain');
  useDocumentTitle(title);

  return (
    <article className="sk-print-document">
      <div className="sk-no-print sk-print-tools">
        <p className="sk-back">
          <Link to={`/trajecten/${id}/krachtplan`}>← {t('traj.print.back')}</Link>
        </p>
        {plan.data && plan.data.version > 0 && (
          <ButtonGroup>
            <PrintButton>{t('traj.print.print')}</PrintButton>
          </ButtonGroup>
        )}
      </div>
      <PageTitle>{title}</PageTitle>
      {(trajectory.isPending || plan.isPending) && <Loading />}
      {trajectory.isError && (
        <LoadError error={trajectory.error} onRetry={() => void trajectory.refetch()} />
      )}
      {plan.isError && <LoadError error={plan.error} onRetry={() => void plan.refetch()} />}
      {trajectory.data && plan.data && (
        <>
          {plan.data.version === 0 ? (
            <Paragraph>{t('traj.print.noPlan')}</Paragraph>
          ) : (
            <>
              <Paragraph className="sk-print-meta">
                {t('traj.print.versionLine', {
                  version: plan.data.version,
                  date: plan.data.savedAt
                    ? formatDate(dateInAmsterdam(plan.data.savedAt), language)
                    : '—',
                })}
                <br />
                {t('traj.print.coordinatorLine', { name: trajectory.data.coordinatorName })}
              </Paragraph>
              <PlanView plan={plan.data} idPrefix="print" />
              <section aria-labelledby="print-signature" className="sk-plan-view__section">
                <Heading level={2} id="print-signature">
                  {t('traj.print.signatureTitle')}
                </Heading>
                <div className="sk-print-signatures">
                  {[t('traj.print.signatureResident'), t('traj.print.signatureCoordinator')].map(
                    (label) => (
                      <div key={label} className="sk-print-signature">
                        <div className="sk-print-signature__line" />
                        <p>{label}</p>
                        <div className="sk-print-signature__line sk-print-signature__line--date" />
                        <p>{t('traj.print.date')}</p>
                      </div>
                    ),
                  )}
                </div>
              </section>
            </>
          )}
        </>
      )}
    </article>
  );
}
