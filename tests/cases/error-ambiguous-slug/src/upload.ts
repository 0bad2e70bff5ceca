// @pattern file-upload
export async function upload() {}

// @pattern frontend/file-upload
export async function send() {}
