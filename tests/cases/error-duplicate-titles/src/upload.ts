// @pattern backend/file-upload_1
export async function upload() {}
