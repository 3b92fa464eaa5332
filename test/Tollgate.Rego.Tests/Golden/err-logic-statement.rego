package e

import future.keywords.or

dat or data.test.r
