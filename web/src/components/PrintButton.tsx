import './print.css';
import { Button } from './Button';

/** Opens the browser's print dialog; the button itself (and the app around the page) do not print. */
export function PrintButton({ children }: { children: string }) {
  return (
    <Button appearance="primary" className="sk-no-print" onClick={() => window.print()}>
      {children}
    </Button>
  );
}
