import { useMutation } from "convex/react";
import { useState, type FormEvent } from "react";
import type { Id } from "../../../convex/_generated/dataModel";
import { api } from "../../../convex/_generated/api";
import { toDisplayError } from "../../lib/errors";
import { validateChannelForm, type ChannelFormErrors, type ChannelFormValues } from "./validation";

const EMPTY: ChannelFormValues = { name: "", description: "", isPrivate: false };

// @pattern frontend/form-validation
// @pattern frontend/server-error-display title="Server errors mapped onto fields"
export function CreateChannelForm({ onCreated }: { onCreated?: (id: Id<"channels">) => void }) {
  const createChannel = useMutation(api.channels.create);
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<ChannelFormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = validateChannelForm(values);
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    setPending(true);
    try {
      const id = await createChannel({
        name: values.name,
        description: values.description || undefined,
        isPrivate: values.isPrivate,
      });
      setValues(EMPTY);
      onCreated?.(id);
    } catch (error) {
      const { message, field } = toDisplayError(error);
      if (field === "name" || field === "description") setErrors({ [field]: message });
      else setFormError(message);
    } finally {
      setPending(false);
    }
  }

  // @pattern-hide-start
  const describedBy = (field: keyof ChannelFormErrors) => (errors[field] ? `${field}-error` : undefined);
  // @pattern-hide-end
  return (
    <form onSubmit={onSubmit} aria-label="Create channel" noValidate>
      <label htmlFor="channel-name">Name</label>
      <input
        id="channel-name"
        value={values.name}
        aria-invalid={errors.name ? true : undefined}
        aria-describedby={describedBy("name")}
        onChange={(e) => setValues({ ...values, name: e.target.value })}
        onBlur={() => setErrors((prev) => ({ ...prev, name: validateChannelForm(values).name }))}
      />
      {errors.name && <p id="name-error">{errors.name}</p>}
      <label htmlFor="channel-description">Description</label>
      <input
        id="channel-description"
        value={values.description}
        aria-invalid={errors.description ? true : undefined}
        aria-describedby={describedBy("description")}
        onChange={(e) => setValues({ ...values, description: e.target.value })}
      />
      {errors.description && <p id="description-error">{errors.description}</p>}
      <label>
        <input
          type="checkbox"
          checked={values.isPrivate}
          onChange={(e) => setValues({ ...values, isPrivate: e.target.checked })}
        />
        Private
      </label>
      {formError && <p role="alert">{formError}</p>}
      <button type="submit" disabled={pending}>
        Create channel
      </button>
    </form>
  );
}
