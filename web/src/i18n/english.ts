// The English texts, in one chunk of their own: fetched only when someone chooses English (see
// lib/i18n.ts), so that the Dutch first screen does not download them.
import en from './en.json';
import enReports from './en.reports.json';
import enPortal from './en.portal.json';
import enBusinessCase from './en.businessCase.json';
import enCollective from './en.collective.json';
import enPrivacy from './en.privacy.json';
import enSignIn from './en.signIn.json';
import enPortalSecondFactor from './en.portalSecondFactor.json';
import enPrivacySettings from './en.privacySettings.json';
import enStaffOidc from './en.staffOidc.json';
import enSignalsPaging from './en.signalsPaging.json';
import enListsPaging from './en.listsPaging.json';
import enTrajectoriesPaging from './en.trajectoriesPaging.json';
import enPassword from './en.password.json';
import enRoutes from './en.routes.json';
import enResidentMessages from './en.residentMessages.json';
import enSecondment from './en.secondment.json';
import enStaffEdits from './en.staffEdits.json';

export const english = {
  ...en,
  ...enReports,
  ...enPortal,
  ...enBusinessCase,
  ...enCollective,
  ...enPrivacy,
  ...enSignIn,
  ...enPortalSecondFactor,
  ...enPrivacySettings,
  ...enStaffOidc,
  ...enSignalsPaging,
  ...enListsPaging,
  ...enTrajectoriesPaging,
  ...enPassword,
  ...enRoutes,
  ...enResidentMessages,
  ...enSecondment,
  ...enStaffEdits,
};
