// Public surface of the chat feature: other features and the app shell
// import from here, never from the files behind it.
// @pattern-start architecture/feature-folders
export { ChannelHeader } from "./ChannelHeader";
export { ChannelList } from "./ChannelList";
export { CreateChannelForm } from "./CreateChannelForm";
export { MessageComposer } from "./MessageComposer";
export { MessageList } from "./MessageList";
export { useChannels, type ChannelsResult } from "./useChannels";
export { validateChannelForm } from "./validation";
// @pattern-end architecture/feature-folders
