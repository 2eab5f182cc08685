import { Alert, AlertDescription } from "@/components/ui/alert";

/** The refusal that belongs to no single field (useFormResult's `formError`), announced at once; nothing without one. */
export function FormError({ message, className }: { message: string | null | undefined; className?: string }) {
  if (!message) return null;
  return (
    <Alert variant="destructive" className={className}>
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}
