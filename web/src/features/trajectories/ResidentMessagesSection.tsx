import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { LoadMore } from '../../components/LoadMore';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, Paragraph } from '../../components/Typography';
import { formatDateTime } from '../../lib/format';
import { useLanguage } from '../../lib/i18n';
import { useMarkResidentMessageRead, useResidentMessages } from './residentMessages';

/**
 * "Berichten van de inwoner": what the residents sent from the portal, newest first, a page at a
 * time with older ones a button away (as the journal). The portal tells them their coordinator
 * reads it; the coordinator marks each one read once it is dealt with. The unread count in the
 * heading is the server's, over every page, so an unread message on an older page still counts.
 */
export function ResidentMessagesSection({ trajectoryId }: { trajectoryId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const messages = useResidentMessages(trajectoryId);
  const markRead = useMarkResidentMessageRead(trajectoryId);
  const loaded = messages.data?.pages.flatMap((page) => page.items);
  // The server's count covers every page, also the older ones not loaded yet; the last page
  // fetched has the newest count.
  const unread = messages.data?.pages.at(-1)?.unreadCount ?? 0;
  return (
    <section aria-labelledby="berichten-inwoner" className="sk-section">
      <Heading level={2} id="berichten-inwoner" tabIndex={-1}>
        {t('residentMessages.title')}
        {unread > 0 && ` (${t('residentMessages.unread', { count: unread })})`}
      </Heading>
      <Paragraph className="sk-traj-hint">{t('residentMessages.intro')}</Paragraph>
      {messages.isPending && <Loading />}
      {messages.isError && (
        <LoadError error={messages.error} onRetry={() => void messages.refetch()} />
      )}
      {markRead.isError && <LoadError error={markRead.error} />}
      {loaded &&
        (loaded.length === 0 ? (
          <Paragraph>{t('residentMessages.empty')}</Paragraph>
        ) : (
          <Table caption={t('residentMessages.caption')}>
            <TableHeader>
              <TableRow>
                <HeaderCell>{t('residentMessages.at')}</HeaderCell>
                <HeaderCell>{t('residentMessages.from')}</HeaderCell>
                <HeaderCell>{t('residentMessages.kind')}</HeaderCell>
                <HeaderCell>{t('residentMessages.text')}</HeaderCell>
                <HeaderCell>{t('residentMessages.read')}</HeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {loaded.map((message) => (
                <TableRow key={message.id}>
                  <Cell>{formatDateTime(message.createdAt, language)}</Cell>
                  <Cell>{message.resident.name}</Cell>
                  <Cell>
                    {t(`residentMessages.kinds.${message.kind}`)}
                    {message.actionDescription && (
                      <>
                        : <q>{message.actionDescription}</q>
                      </>
                    )}
                  </Cell>
                  <Cell>
                    <span className="sk-pre-line">
                      {message.text || t('residentMessages.erased')}
                    </span>
                  </Cell>
                  <Cell>
                    {message.readAt ? (
                      t('residentMessages.readAt', {
                        at: formatDateTime(message.readAt, language),
                      })
                    ) : (
                      <Button
                        disabled={markRead.isPending}
                        onClick={() => markRead.mutate(message.id)}
                      >
                        {t('residentMessages.markRead')}
                        <span className="sk-visually-hidden">
                          {' '}
                          {t('residentMessages.markReadOf', {
                            name: message.resident.name,
                            at: formatDateTime(message.createdAt, language),
                          })}
                        </span>
                      </Button>
                    )}
                  </Cell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ))}
      {/* Only once the messages run past one page: a short list needs no count. */}
      {loaded && (messages.hasNextPage || (messages.data?.pages.length ?? 0) > 1) && (
        <LoadMore
          id="resident-messages-loaded"
          textKey="residentMessages.paging"
          className="sk-traj-subsection"
          hintClassName="sk-traj-hint"
          loaded={loaded.length}
          hasMore={messages.hasNextPage}
          busy={messages.isFetchingNextPage}
          onMore={() => messages.fetchNextPage()}
        />
      )}
    </section>
  );
}
