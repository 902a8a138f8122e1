// The volunteer's own screen: the tasks matched to them, with a first name, what, where and when.
// Nothing else of the resident or the file ever reaches this screen (the API sends no more).
import { useTranslation } from 'react-i18next';
import { DataList } from '../../components/DataList';
import { LoadError, Loading } from '../../components/QueryState';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useVolunteerTasks } from './queries';

export function VolunteerTasksPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('collective.tasks.title'));
  const tasks = useVolunteerTasks();
  return (
    <>
      <PageTitle>{t('collective.tasks.title')}</PageTitle>
      <Paragraph lead>{t('collective.tasks.intro')}</Paragraph>
      {tasks.isPending && <Loading />}
      {tasks.isError && <LoadError error={tasks.error} onRetry={() => void tasks.refetch()} />}
      {tasks.data?.length === 0 && <Paragraph>{t('collective.tasks.none')}</Paragraph>}
      <ul className="sk-collective-cards">
        {tasks.data?.map((task) => (
          <li key={task.id} className="sk-collective-card">
            <article aria-labelledby={`task-${task.id}`}>
              <Heading level={2} id={`task-${task.id}`}>
                {t('collective.tasks.with', { name: task.residentFirstName })}
              </Heading>
              <DataList
                items={[
                  { key: 'task', label: t('collective.tasks.what'), value: task.task },
                  { key: 'where', label: t('collective.tasks.where'), value: task.where },
                  { key: 'when', label: t('collective.tasks.when'), value: task.when },
                ]}
              />
            </article>
          </li>
        ))}
      </ul>
      <Paragraph className="sk-muted">{t('collective.tasks.privacy')}</Paragraph>
    </>
  );
}
