import type { ButtonProps as UtrechtButtonProps } from '@utrecht/component-library-react';
import {
  Button as UtrechtButton,
  ButtonGroup as UtrechtButtonGroup,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';

export interface ButtonProps extends Omit<UtrechtButtonProps, 'appearance'> {
  appearance?: 'primary' | 'secondary' | 'subtle';
}

const appearances = {
  primary: 'primary-action-button',
  secondary: 'secondary-action-button',
  subtle: 'subtle-button',
} as const;

/** Our button: an NL Design System button, `type="button"` unless told otherwise. */
export function Button({ appearance = 'secondary', type = 'button', ...props }: ButtonProps) {
  return <UtrechtButton {...props} type={type} appearance={appearances[appearance]} />;
}

export function ButtonGroup({ children }: { children: ReactNode }) {
  return <UtrechtButtonGroup className="sk-button-group">{children}</UtrechtButtonGroup>;
}
