// A saved risk assessment as a list item, for the history of a renewal.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib-object.h>

#include "tend-assessment.h"

G_BEGIN_DECLS

#define TEND_TYPE_ASSESSMENT_ITEM (tend_assessment_item_get_type ())
G_DECLARE_FINAL_TYPE (TendAssessmentItem, tend_assessment_item, TEND, ASSESSMENT_ITEM, GObject)

TendAssessmentItem   *tend_assessment_item_new            (const TendAssessment *assessment);
const TendAssessment *tend_assessment_item_get_assessment (TendAssessmentItem   *self);

G_END_DECLS
