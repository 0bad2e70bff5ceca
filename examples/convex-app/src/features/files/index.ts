export { checkFile, FileUploadButton } from "./FileUploadButton";
