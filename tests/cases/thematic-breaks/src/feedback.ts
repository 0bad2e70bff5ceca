// @pattern ui/inline-indicator
export const inline = { busy: true };

// @pattern ui/card-overlay
export const overlay = { covered: true };

// @pattern ui/page-blocker
export const blocker = { blocking: true };
