import { useMutation } from "convex/react";
import { useEffect, useState } from "react";
import type { Id } from "../convex/_generated/dataModel";
import { api } from "../convex/_generated/api";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { AuthGate } from "./features/auth";
import { ChannelHeader, ChannelList, CreateChannelForm, MessageComposer, MessageList } from "./features/chat";

function EnsureProfile() {
  const ensureUser = useMutation(api.users.ensureUser);
  useEffect(() => {
    void ensureUser({});
  }, [ensureUser]);
  return null;
}

export function App() {
  const [channelId, setChannelId] = useState<Id<"channels"> | null>(null);
  return (
    <AuthGate>
      {(user) => (
        <div className="layout">
          <EnsureProfile />
          <aside>
            {/* @pattern frontend/error-boundaries title="One boundary per independent region" */}
            <ErrorBoundary>
              <ChannelList selectedId={channelId} onSelect={setChannelId} />
              <CreateChannelForm onCreated={setChannelId} />
            </ErrorBoundary>
          </aside>
          <main>
            <ChannelHeader channelId={channelId} />
            {channelId === null ? (
              <p>Pick a channel to start.</p>
            ) : (
              <ErrorBoundary key={channelId}>
                <MessageList channelId={channelId} />
                <MessageComposer channelId={channelId} author={user} />
              </ErrorBoundary>
            )}
          </main>
        </div>
      )}
    </AuthGate>
  );
}
