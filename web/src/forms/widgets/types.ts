/** What every widget of a service form is given, and how it reads an input event. */
import type { JSX } from 'preact';
import type { Field } from '../../../../functions/domain/catalog/schema';
import type { Person, PropertySchema } from '../../api/types';

export interface WidgetProps {
  id: string;
  field: Field;
  prop: PropertySchema;
  value: unknown;
  set(value: unknown): void;
  blur(): void;
  aria: { 'aria-describedby'?: string; 'aria-invalid'?: 'true'; 'aria-required'?: 'true' };
  people: Person[] | null;
  today: string;
  disabled: boolean;
}

export type Input = JSX.TargetedEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>;
export const text = (event: Input) => event.currentTarget.value;
