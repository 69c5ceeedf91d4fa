export * from './envelope/envelope';
export * from './envelope/create-envelope';
export * from './envelope/message-type';
export * from './envelope/parse-envelope';
export * from './topics/topics';
export * from './topics/headers';
export * from './canary/canary.messages';
export * from './users/user.messages';
