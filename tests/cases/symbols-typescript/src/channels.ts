import { query } from "./server";

/**
 * Every channel, newest first.
 */
export const list = query({
  args: {},
  handler: async (ctx) => {
    return await ctx.db.query("channels").order("desc").collect();
  },
});

// A plain comment is not part of the next export.

export async function create(name: string): Promise<string> {
  return name.trim();
}
