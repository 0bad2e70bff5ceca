import { CHANNEL_NAME_PATTERN, LIMITS } from "../../../convex/lib/validators";

export type ChannelFormValues = { name: string; description: string; isPrivate: boolean };
export type ChannelFormErrors = Partial<Record<"name" | "description", string>>;

// @pattern frontend/form-validation title="Pure validator sharing backend limits"
/**
 * Pure validation for the create-channel form, using the very limits and
 * pattern the `channels.create` mutation enforces.
 */
export function validateChannelForm(values: ChannelFormValues): ChannelFormErrors {
  const errors: ChannelFormErrors = {};
  const name = values.name.trim().toLowerCase();
  if (name.length === 0) {
    errors.name = "Give the channel a name.";
  } else if (name.length < LIMITS.channelNameMin || name.length > LIMITS.channelNameMax) {
    errors.name = `Use ${LIMITS.channelNameMin}-${LIMITS.channelNameMax} characters.`;
  } else if (!CHANNEL_NAME_PATTERN.test(name)) {
    errors.name = "Use lowercase letters, digits and single dashes.";
  }
  if (values.description.trim().length > LIMITS.channelDescriptionMax) {
    errors.description = `Keep it under ${LIMITS.channelDescriptionMax} characters.`;
  }
  return errors;
}
