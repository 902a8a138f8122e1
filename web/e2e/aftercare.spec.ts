import { expect, test } from '@playwright/test';
import {
  expectAccessible,
  expectPage,
  openTrajectoryViaApi,
  signInAndWait,
  uniqueSuffix,
} from './helpers';

// During aftercare the trajectory is closed but still followed: the scale level, the next
// follow-up and the coordinator may change (the API allows it); ending the aftercare is final and
// asks first.

test('during aftercare a team lead updates the trajectory and hands it on; ending asks first', async ({
  page,
}) => {
  const suffix = uniqueSuffix();
  const familyName = `Lemmens-${suffix}`;
  await signInAndWait(page, 'teamlead@maastricht.demo');
  const id = await openTrajectoryViaApi(page, { givenName: 'Jo', familyName });
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
  const until = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const closed = await page.request.post(`/api/v1/trajectories/${id}/close`, {
    headers: { 'x-csrf-token': me.csrfToken },
    data: {
      closedAt: new Date().toISOString(),
      outcome: 'goals_achieved',
      handledWithoutSpecialistCare: true,
      reason: 'Het loopt weer; nog even een vinger aan de pols.',
      aftercareUntil: until,
      noClosingMeasurementReason: 'Jo wilde geen meting meer.',
    },
  });
  expect(closed.status(), await closed.text()).toBe(200);

  await page.goto(`/trajecten/${id}`);
  await expectPage(page, `Traject ${familyName}`);
  await expect(page.getByText(/Dit traject is afgesloten en in nazorg tot/)).toBeVisible();

  // The update form, without a status (aftercare ends only by ending it).
  const update = page.locator('form#trajectory-update');
  await expect(update.getByText(/Het traject is in nazorg\./)).toBeVisible();
  await expect(update.getByLabel('Status')).toHaveCount(0);
  await update.getByLabel('Schaalniveau').selectOption({ label: 'Informeel' });
  await update.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
  await expect(page.getByText('Het traject is bijgewerkt.')).toBeVisible();
  const afterUpdate = (await (await page.request.get(`/api/v1/trajectories/${id}`)).json()) as {
    status: string;
    scaleLevel: string;
  };
  expect(afterUpdate).toMatchObject({ status: 'aftercare', scaleLevel: 'informal' });

  // The coordinator form: the case goes to a colleague.
  const coordinator = page.locator('form#trajectory-coordinator');
  const select = coordinator.getByLabel('Nieuwe regisseur');
  const current = await select.inputValue();
  const colleague = await select.locator('option').evaluateAll(
    (options, skip) =>
      options
        .map((option) => ({
          value: (option as HTMLOptionElement).value,
          label: option.textContent ?? '',
        }))
        .find((option) => option.value && option.value !== skip),
    current,
  );
  expect(colleague).toBeTruthy();
  await select.selectOption(colleague?.value ?? '');
  await coordinator.getByRole('button', { name: 'Regisseur wijzigen' }).click();
  await expect(page.getByText(`${colleague?.label ?? ''} is nu de regisseur.`)).toBeVisible();
  await expectAccessible(page);
  await page.locator('.sk-traj-panels').screenshot({ path: '/tmp/shots-web/aftercare-forms.png' });

  // Ending the aftercare: first an explanation with yes and no; "no" changes nothing.
  const close = page.locator('section[aria-labelledby="afsluiten"]');
  await close.getByRole('button', { name: 'Nazorg beëindigen' }).click();
  const explanation = close.getByText(/definitief afgesloten: de nazorg kan daarna niet meer/);
  await expect(explanation).toBeVisible();
  await expect(page.locator('.sk-notice:focus')).toContainText('Weet u het zeker?');
  await expectAccessible(page);
  await close.screenshot({ path: '/tmp/shots-web/aftercare-end-confirm.png' });
  await close.getByRole('button', { name: 'Nee, nazorg laten doorlopen' }).click();
  await expect(explanation).toHaveCount(0);
  await expect(close.getByRole('button', { name: 'Nazorg beëindigen' })).toBeFocused();
  const stillAftercare = (await (await page.request.get(`/api/v1/trajectories/${id}`)).json()) as {
    status: string;
  };
  expect(stillAftercare.status).toBe('aftercare');

  await close.getByRole('button', { name: 'Nazorg beëindigen' }).click();
  await close.getByRole('button', { name: 'Ja, nazorg beëindigen' }).click();
  await expect(
    page.getByText('De nazorg is beëindigd; het traject is definitief afgesloten.'),
  ).toBeVisible();
  // Closed for good: nothing to change any more.
  await expect(page.locator('form#trajectory-update')).toHaveCount(0);
  await expect(page.locator('form#trajectory-coordinator')).toHaveCount(0);
  await expectAccessible(page);
});
