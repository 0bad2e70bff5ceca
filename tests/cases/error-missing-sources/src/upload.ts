// @pattern backend/file-upload
export async function upload() {}
