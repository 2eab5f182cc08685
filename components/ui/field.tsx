import * as React from "react";

import { cn } from "@/lib/utils";
import { Label } from "@/components/ui/label";

/** Props that `Field` wires onto its form control. */
type FieldControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  "aria-required"?: true;
};

type FieldProps = {
  /** Id of the control; also the base for `${id}-hint` and `${id}-error`. */
  id: string;
  label: React.ReactNode;
  /** Help text shown under the label. */
  hint?: React.ReactNode;
  /** Validation message; when present the control gets `aria-invalid`. */
  error?: React.ReactNode;
  /** Marks the field visually (asterisk) and sets `aria-required` on the control. */
  required?: boolean;
  /** Visually hide the label (it stays available to assistive tech). */
  hideLabel?: boolean;
  className?: string;
  labelClassName?: string;
  /**
   * Either a render prop receiving the control props, or a single element
   * (e.g. `<Input name="title" />`) that the props are merged into. An existing
   * `aria-describedby` on the element is kept and appended to.
   */
  children: ((control: FieldControlProps) => React.ReactNode) | React.ReactElement;
};

function hasContent(node: React.ReactNode): boolean {
  return node !== undefined && node !== null && node !== false && node !== "";
}

function Field({ id, label, hint, error, required = false, hideLabel = false, className, labelClassName, children }: FieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const showHint = hasContent(hint);
  const showError = hasContent(error);

  const describedBy = [showHint ? hintId : null, showError ? errorId : null].filter(Boolean).join(" ");

  const control: FieldControlProps = { id };
  if (describedBy) control["aria-describedby"] = describedBy;
  if (showError) control["aria-invalid"] = true;
  if (required) control["aria-required"] = true;

  let rendered: React.ReactNode;
  if (typeof children === "function") {
    rendered = children(control);
  } else if (React.isValidElement<Record<string, unknown>>(children)) {
    const own = children.props["aria-describedby"];
    const merged = [typeof own === "string" ? own : null, describedBy || null].filter(Boolean).join(" ");
    rendered = React.cloneElement(children, {
      ...control,
      "aria-describedby": merged || undefined,
    });
  } else {
    rendered = children;
  }

  return (
    <div data-slot="field" data-invalid={showError ? "true" : undefined} className={cn("group/field grid gap-2", className)}>
      <Label htmlFor={id} className={cn(hideLabel && "sr-only", labelClassName)}>
        <span>
          {label}
          {required ? (
            <span aria-hidden="true" className="ms-0.5 text-destructive">
              *
            </span>
          ) : null}
        </span>
      </Label>
      {showHint ? (
        <p id={hintId} data-slot="field-hint" className="-mt-1 text-sm text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {rendered}
      {showError ? (
        <p id={errorId} data-slot="field-error" className="text-sm font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export { Field, type FieldProps, type FieldControlProps };
