// Prints the current second-factor code of a demo account: `npm run demo:totp admin` (or
// gemeente). The demo accounts share one published secret (server/src/demo/second-factor-demo.ts).
import { DEMO_TOTP_ACCOUNTS, demoTotpCode } from '../src/demo/second-factor-demo.js';
import { TOTP_STEP_SECONDS } from '../src/platform/totp.js';

const who = process.argv[2] ?? 'admin';
const account = DEMO_TOTP_ACCOUNTS.find((email) => email.startsWith(`${who}@`) || email === who);
if (!account) {
  console.error(`Unknown demo account "${who}". Choose from: ${DEMO_TOTP_ACCOUNTS.join(', ')}`);
  process.exit(1);
}
const secondsLeft = TOTP_STEP_SECONDS - (Math.floor(Date.now() / 1000) % TOTP_STEP_SECONDS);
process.stdout.write(
  `${demoTotpCode()}  (${account}, nog ${secondsLeft} s geldig / valid ${secondsLeft} s)\n`,
);
