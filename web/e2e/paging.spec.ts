import { expect, test } from '@playwright/test';
import { expectAccessible, expectPage, signInAndWait } from './helpers';

// The demo team's history holds hundreds of trajectories: more than one page of 200.
test.describe('a list longer than one page', () => {
  test('the team lead loads the next page of the team’s trajectories by keyboard', async ({
    page,
  }) => {
    test.slow();
    await signInAndWait(page, 'teamlead@maastricht.demo');
    await page.goto('/trajecten?weergave=team&status=all');
    await expectPage(page, /trajecten/i);
    const count = page.getByRole('status').filter({ hasText: /trajecten geladen/ });
    await expect(count).toHaveText('200 trajecten geladen. Er zijn meer trajecten.');
    await expectAccessible(page);

    const more = page.getByRole('button', { name: 'Meer trajecten laden' });
    await more.focus();
    await page.keyboard.press('Enter');
    await expect(count).toHaveText(
      /^(400 trajecten geladen\. Er zijn meer trajecten\.|Alle trajecten geladen: \d+\.)$/,
    );
    const rows = page.getByRole('table').last().getByRole('row');
    expect(await rows.count()).toBeGreaterThan(200);
    await count.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/paging.png' });
  });
});
