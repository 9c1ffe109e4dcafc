/** The SDK major version plans are written against; a plan from another major is refused at load. */
export const SDK_MAJOR = 0;
export const SDK_VERSION = "0.1.0";
