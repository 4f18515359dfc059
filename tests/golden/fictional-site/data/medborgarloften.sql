-- medborgarlöften: every table of datapackage.json, typed (CC0 1.0).
-- sqlite3 medborgarloften.db < medborgarloften.sql
BEGIN TRANSACTION;
CREATE TABLE "organisations" (
  "municipality_code" TEXT NOT NULL,
  "organisation_id" TEXT NOT NULL,
  "name_sv" TEXT NOT NULL,
  "name_en" TEXT,
  "kind" TEXT,
  "part_of" TEXT,
  PRIMARY KEY ("municipality_code", "organisation_id")
);
INSERT INTO "organisations" ("municipality_code", "organisation_id", "name_sv", "name_en", "kind", "part_of") VALUES ('9999', 'polisen', 'Polisen (fiktivt lokalpolisområde)', 'The Police (fictional local police area)', 'police', NULL);
INSERT INTO "organisations" ("municipality_code", "organisation_id", "name_sv", "name_en", "kind", "part_of") VALUES ('9999', 'exempelby-kommun', 'Exempelby kommun (fiktiv)', 'Exempelby Municipality (fictional)', 'municipality', NULL);
INSERT INTO "organisations" ("municipality_code", "organisation_id", "name_sv", "name_en", "kind", "part_of") VALUES ('9999', 'fritid', 'Fritidsförvaltningen (fiktiv)', NULL, 'municipal_service', 'exempelby-kommun');
CREATE TABLE "statuses" (
  "municipality_code" TEXT NOT NULL,
  "status" TEXT NOT NULL,
  "label_sv" TEXT NOT NULL,
  "label_en" TEXT NOT NULL,
  "definition_sv" TEXT NOT NULL,
  "definition_en" TEXT NOT NULL,
  PRIMARY KEY ("municipality_code", "status")
);
INSERT INTO "statuses" ("municipality_code", "status", "label_sv", "label_en", "definition_sv", "definition_en") VALUES ('9999', 'not_assessed', 'Ej bedömd', 'Not yet assessed', 'Ingen uppföljning har bedömt åtagandet ännu.', 'No follow-up has assessed the commitment yet.');
INSERT INTO "statuses" ("municipality_code", "status", "label_sv", "label_en", "definition_sv", "definition_en") VALUES ('9999', 'in_progress', 'Pågår', 'In progress', 'Arbetet har börjat och ska vara klart vid en viss tid.', 'The work has started and is to be finished by a certain time.');
INSERT INTO "statuses" ("municipality_code", "status", "label_sv", "label_en", "definition_sv", "definition_en") VALUES ('9999', 'delayed', 'Försenad', 'Delayed', 'Arbetet ligger efter planen; skälet anges.', 'The work is behind plan; the reason is given.');
INSERT INTO "statuses" ("municipality_code", "status", "label_sv", "label_en", "definition_sv", "definition_en") VALUES ('9999', 'ongoing', 'Löpande', 'Ongoing', 'Ett arbete som görs hela tiden, utan slutpunkt (till skillnad från Pågår).', 'Work that goes on all the time, with no end point (unlike In progress).');
INSERT INTO "statuses" ("municipality_code", "status", "label_sv", "label_en", "definition_sv", "definition_en") VALUES ('9999', 'partly_done', 'Delvis genomförd', 'Partly done', 'En del av åtagandet är genomfört; skälet till resten anges.', 'Part of the commitment was carried out; the reason for the rest is given.');
INSERT INTO "statuses" ("municipality_code", "status", "label_sv", "label_en", "definition_sv", "definition_en") VALUES ('9999', 'done', 'Genomförd', 'Done', 'Åtagandet är genomfört.', 'The commitment was carried out.');
INSERT INTO "statuses" ("municipality_code", "status", "label_sv", "label_en", "definition_sv", "definition_en") VALUES ('9999', 'not_done', 'Inte genomförd', 'Not done', 'Åtagandet genomfördes inte; skälet anges.', 'The commitment was not carried out; the reason is given.');
CREATE TABLE "themes" (
  "municipality_code" TEXT NOT NULL,
  "theme_id" TEXT NOT NULL,
  "title_sv" TEXT NOT NULL,
  "title_en" TEXT,
  "description_sv" TEXT,
  "description_en" TEXT,
  PRIMARY KEY ("municipality_code", "theme_id")
);
INSERT INTO "themes" ("municipality_code", "theme_id", "title_sv", "title_en", "description_sv", "description_en") VALUES ('9999', 'trygghet-och-nattliv', 'Trygghet och nattliv (fiktivt tema)', 'Safety and night life (fictional theme)', 'Ett fiktivt tema om tryggheten i centrum och på kvällarna.', 'A fictional theme on safety in the town centre and in the evenings.');
INSERT INTO "themes" ("municipality_code", "theme_id", "title_sv", "title_en", "description_sv", "description_en") VALUES ('9999', 'trafik', 'Trafik (fiktivt tema)', 'Traffic (fictional theme)', NULL, NULL);
CREATE TABLE "promises" (
  "municipality_code" TEXT NOT NULL,
  "promise_id" TEXT NOT NULL,
  "title_sv" TEXT NOT NULL,
  "title_en" TEXT,
  "start_year" INTEGER NOT NULL,
  "end_year" INTEGER NOT NULL,
  "signed_date" TEXT,
  "signed_date_first" TEXT,
  "signed_date_last" TEXT,
  "follow_up_interval" TEXT,
  "source_url" TEXT,
  "headline_sv" TEXT,
  "headline_en" TEXT,
  "introduction_sv" TEXT,
  "introduction_sv_text" TEXT,
  "introduction_en" TEXT,
  "introduction_en_text" TEXT,
  "situation_meetings_sv" TEXT,
  "situation_meetings_sv_text" TEXT,
  "situation_meetings_en" TEXT,
  "situation_meetings_en_text" TEXT,
  "background_sv" TEXT,
  "background_sv_text" TEXT,
  "background_en" TEXT,
  "background_en_text" TEXT,
  PRIMARY KEY ("municipality_code", "promise_id")
);
INSERT INTO "promises" ("municipality_code", "promise_id", "title_sv", "title_en", "start_year", "end_year", "signed_date", "signed_date_first", "signed_date_last", "follow_up_interval", "source_url", "headline_sv", "headline_en", "introduction_sv", "introduction_sv_text", "introduction_en", "introduction_en_text", "situation_meetings_sv", "situation_meetings_sv_text", "situation_meetings_en", "situation_meetings_en_text", "background_sv", "background_sv_text", "background_en", "background_en_text") VALUES ('9999', '2030', 'Medborgarlöften 2030 (fiktiva)', 'Citizen promises 2030 (fictional)', 2030, 2030, '2030-02-01', '2030-02-01', '2030-02-01', NULL, NULL, NULL, NULL, 'Fiktiv inledning för 2030.', 'Fiktiv inledning för 2030.', 'A fictional introduction for 2030.', 'A fictional introduction for 2030.', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO "promises" ("municipality_code", "promise_id", "title_sv", "title_en", "start_year", "end_year", "signed_date", "signed_date_first", "signed_date_last", "follow_up_interval", "source_url", "headline_sv", "headline_en", "introduction_sv", "introduction_sv_text", "introduction_en", "introduction_en_text", "situation_meetings_sv", "situation_meetings_sv_text", "situation_meetings_en", "situation_meetings_en_text", "background_sv", "background_sv_text", "background_en", "background_en_text") VALUES ('9999', '2031', 'Medborgarlöften 2031 (fiktiva)', 'Citizen promises 2031 (fictional)', 2031, 2031, NULL, NULL, NULL, NULL, 'https://example.org/fiktivt-medborgarlofte-2031', NULL, NULL, 'Fiktiv inledning för 2031 som saknar engelsk översättning.', 'Fiktiv inledning för 2031 som saknar engelsk översättning.', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
CREATE TABLE "aims" (
  "municipality_code" TEXT NOT NULL,
  "promise_id" TEXT NOT NULL,
  "position" INTEGER NOT NULL,
  "aim_sv" TEXT NOT NULL,
  "aim_en" TEXT,
  PRIMARY KEY ("municipality_code", "promise_id", "position")
);
CREATE TABLE "signatories" (
  "municipality_code" TEXT NOT NULL,
  "signatory_id" TEXT NOT NULL,
  "promise_id" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "role_sv" TEXT NOT NULL,
  "role_en" TEXT,
  "organisation_id" TEXT NOT NULL,
  "person_id" TEXT,
  PRIMARY KEY ("municipality_code", "signatory_id")
);
CREATE TABLE "statements" (
  "municipality_code" TEXT NOT NULL,
  "promise_id" TEXT NOT NULL,
  "position" INTEGER NOT NULL,
  "signatory_id" TEXT NOT NULL,
  "text_sv" TEXT NOT NULL,
  "text_sv_text" TEXT,
  "text_en" TEXT,
  "text_en_text" TEXT,
  PRIMARY KEY ("municipality_code", "promise_id", "position")
);
CREATE TABLE "focus_areas" (
  "municipality_code" TEXT NOT NULL,
  "focus_area_id" TEXT NOT NULL,
  "promise_id" TEXT NOT NULL,
  "position" INTEGER NOT NULL,
  "title_sv" TEXT NOT NULL,
  "title_en" TEXT,
  "goal_sv" TEXT,
  "goal_en" TEXT,
  "description_sv" TEXT,
  "description_sv_text" TEXT,
  "description_en" TEXT,
  "description_en_text" TEXT,
  "background_sv" TEXT,
  "background_sv_text" TEXT,
  "background_en" TEXT,
  "background_en_text" TEXT,
  "cause_analysis_sv" TEXT,
  "cause_analysis_sv_text" TEXT,
  "cause_analysis_en" TEXT,
  "cause_analysis_en_text" TEXT,
  "theme_id" TEXT,
  "commitments_stated" INTEGER NOT NULL,
  PRIMARY KEY ("municipality_code", "focus_area_id")
);
INSERT INTO "focus_areas" ("municipality_code", "focus_area_id", "promise_id", "position", "title_sv", "title_en", "goal_sv", "goal_en", "description_sv", "description_sv_text", "description_en", "description_en_text", "background_sv", "background_sv_text", "background_en", "background_en_text", "cause_analysis_sv", "cause_analysis_sv_text", "cause_analysis_en", "cause_analysis_en_text", "theme_id", "commitments_stated") VALUES ('9999', '2030-trygghet', '2030', 1, 'Trygghet i centrum (fiktivt)', 'Safety in the town centre (fictional)', 'Fiktivt mål.', 'A fictional goal.', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'trygghet-och-nattliv', 1);
INSERT INTO "focus_areas" ("municipality_code", "focus_area_id", "promise_id", "position", "title_sv", "title_en", "goal_sv", "goal_en", "description_sv", "description_sv_text", "description_en", "description_en_text", "background_sv", "background_sv_text", "background_en", "background_en_text", "cause_analysis_sv", "cause_analysis_sv_text", "cause_analysis_en", "cause_analysis_en_text", "theme_id", "commitments_stated") VALUES ('9999', '2031-trafik', '2031', 1, 'Trafik (fiktivt)', 'Traffic (fictional)', 'Fiktivt trafikmål.', 'A fictional traffic goal.', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'trafik', 1);
INSERT INTO "focus_areas" ("municipality_code", "focus_area_id", "promise_id", "position", "title_sv", "title_en", "goal_sv", "goal_en", "description_sv", "description_sv_text", "description_en", "description_en_text", "background_sv", "background_sv_text", "background_en", "background_en_text", "cause_analysis_sv", "cause_analysis_sv_text", "cause_analysis_en", "cause_analysis_en_text", "theme_id", "commitments_stated") VALUES ('9999', '2031-nattliv', '2031', 2, 'Nattliv (fiktivt)', 'Night life (fictional)', NULL, NULL, 'Fiktiv beskrivning av ett område vars åtaganden källorna inte räknar upp.', 'Fiktiv beskrivning av ett område vars åtaganden källorna inte räknar upp.', 'A fictional description of an area whose commitments the sources do not list.', 'A fictional description of an area whose commitments the sources do not list.', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'trygghet-och-nattliv', 0);
CREATE TABLE "commitments" (
  "municipality_code" TEXT NOT NULL,
  "commitment_id" TEXT NOT NULL,
  "focus_area_id" TEXT,
  "promise_id" TEXT NOT NULL,
  "position" INTEGER NOT NULL,
  "text_sv" TEXT NOT NULL,
  "text_en" TEXT,
  "target_value" REAL,
  "target_comparator" TEXT,
  "target_unit_sv" TEXT,
  "target_unit_en" TEXT,
  "target_sv" TEXT,
  "target_en" TEXT,
  "indicator_sv" TEXT,
  "indicator_en" TEXT,
  "status" TEXT NOT NULL,
  "status_date" TEXT,
  PRIMARY KEY ("municipality_code", "commitment_id")
);
INSERT INTO "commitments" ("municipality_code", "commitment_id", "focus_area_id", "promise_id", "position", "text_sv", "text_en", "target_value", "target_comparator", "target_unit_sv", "target_unit_en", "target_sv", "target_en", "indicator_sv", "indicator_en", "status", "status_date") VALUES ('9999', '2030-trygghet-1', '2030-trygghet', '2030', 1, 'Fiktivt åtagande om trygghetsvandringar.', 'A fictional commitment on safety walks.', 4, NULL, 'trygghetsvandringar', 'safety walks', NULL, NULL, NULL, NULL, 'delayed', '2030-09-15');
INSERT INTO "commitments" ("municipality_code", "commitment_id", "focus_area_id", "promise_id", "position", "text_sv", "text_en", "target_value", "target_comparator", "target_unit_sv", "target_unit_en", "target_sv", "target_en", "indicator_sv", "indicator_en", "status", "status_date") VALUES ('9999', '2030-trygghet-2', '2030-trygghet', '2030', 2, 'Fiktivt åtagande utan uppföljning.', 'A fictional commitment without follow-up.', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'not_assessed', NULL);
INSERT INTO "commitments" ("municipality_code", "commitment_id", "focus_area_id", "promise_id", "position", "text_sv", "text_en", "target_value", "target_comparator", "target_unit_sv", "target_unit_en", "target_sv", "target_en", "indicator_sv", "indicator_en", "status", "status_date") VALUES ('9999', '2031-helalofte-1', NULL, '2031', 1, 'Fiktivt åtagande för hela löftet om lägesbildsmöten.', 'A fictional commitment of the whole promise on situation meetings.', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'not_assessed', NULL);
INSERT INTO "commitments" ("municipality_code", "commitment_id", "focus_area_id", "promise_id", "position", "text_sv", "text_en", "target_value", "target_comparator", "target_unit_sv", "target_unit_en", "target_sv", "target_en", "indicator_sv", "indicator_en", "status", "status_date") VALUES ('9999', '2031-trafik-1', '2031-trafik', '2031', 1, 'Fiktivt åtagande om trafikkontroller.', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'done', '2031-12-10');
CREATE TABLE "commitment_organisations" (
  "municipality_code" TEXT NOT NULL,
  "commitment_id" TEXT NOT NULL,
  "organisation_id" TEXT NOT NULL,
  "position" INTEGER NOT NULL,
  PRIMARY KEY ("municipality_code", "commitment_id", "organisation_id")
);
INSERT INTO "commitment_organisations" ("municipality_code", "commitment_id", "organisation_id", "position") VALUES ('9999', '2030-trygghet-1', 'polisen', 1);
INSERT INTO "commitment_organisations" ("municipality_code", "commitment_id", "organisation_id", "position") VALUES ('9999', '2030-trygghet-1', 'exempelby-kommun', 2);
INSERT INTO "commitment_organisations" ("municipality_code", "commitment_id", "organisation_id", "position") VALUES ('9999', '2030-trygghet-2', 'fritid', 1);
INSERT INTO "commitment_organisations" ("municipality_code", "commitment_id", "organisation_id", "position") VALUES ('9999', '2031-helalofte-1', 'polisen', 1);
INSERT INTO "commitment_organisations" ("municipality_code", "commitment_id", "organisation_id", "position") VALUES ('9999', '2031-helalofte-1', 'exempelby-kommun', 2);
INSERT INTO "commitment_organisations" ("municipality_code", "commitment_id", "organisation_id", "position") VALUES ('9999', '2031-trafik-1', 'polisen', 1);
CREATE TABLE "follow_ups" (
  "municipality_code" TEXT NOT NULL,
  "follow_up_id" TEXT NOT NULL,
  "level" TEXT NOT NULL,
  "promise_id" TEXT NOT NULL,
  "focus_area_id" TEXT,
  "commitment_id" TEXT,
  "date" TEXT,
  "date_first" TEXT,
  "date_last" TEXT,
  "period_type" TEXT,
  "period" TEXT,
  "period_first" TEXT,
  "period_last" TEXT,
  "published" TEXT,
  "status" TEXT,
  "reason_sv" TEXT,
  "reason_en" TEXT,
  "actual_value" REAL,
  "summary_sv" TEXT,
  "summary_sv_text" TEXT,
  "summary_en" TEXT,
  "summary_en_text" TEXT,
  PRIMARY KEY ("municipality_code", "follow_up_id")
);
INSERT INTO "follow_ups" ("municipality_code", "follow_up_id", "level", "promise_id", "focus_area_id", "commitment_id", "date", "date_first", "date_last", "period_type", "period", "period_first", "period_last", "published", "status", "reason_sv", "reason_en", "actual_value", "summary_sv", "summary_sv_text", "summary_en", "summary_en_text") VALUES ('9999', '2030-trygghet-1-t1', 'commitment', '2030', '2030-trygghet', '2030-trygghet-1', '2030-05-15', '2030-05-15', '2030-05-15', 'tertial', '2030-T1', '2030-01-01', '2030-04-30', NULL, 'in_progress', NULL, NULL, NULL, 'Fiktiv första uppföljning.', 'Fiktiv första uppföljning.', 'A fictional first follow-up.', 'A fictional first follow-up.');
INSERT INTO "follow_ups" ("municipality_code", "follow_up_id", "level", "promise_id", "focus_area_id", "commitment_id", "date", "date_first", "date_last", "period_type", "period", "period_first", "period_last", "published", "status", "reason_sv", "reason_en", "actual_value", "summary_sv", "summary_sv_text", "summary_en", "summary_en_text") VALUES ('9999', '2030-trygghet-1-t2', 'commitment', '2030', '2030-trygghet', '2030-trygghet-1', '2030-09-15', '2030-09-15', '2030-09-15', 'tertial', '2030-T2', '2030-05-01', '2030-08-31', NULL, 'delayed', 'Fiktivt skäl till förseningen.', 'A fictional reason for the delay.', 1, NULL, NULL, NULL, NULL);
INSERT INTO "follow_ups" ("municipality_code", "follow_up_id", "level", "promise_id", "focus_area_id", "commitment_id", "date", "date_first", "date_last", "period_type", "period", "period_first", "period_last", "published", "status", "reason_sv", "reason_en", "actual_value", "summary_sv", "summary_sv_text", "summary_en", "summary_en_text") VALUES ('9999', '2031-helarsrapport', 'promise', '2031', NULL, NULL, NULL, NULL, NULL, NULL, '2031', '2031-01-01', '2031-12-31', '2032-01', NULL, NULL, NULL, NULL, 'Fiktiv uppföljning av hela löftet.', 'Fiktiv uppföljning av hela löftet.', 'A fictional follow-up of the whole promise.', 'A fictional follow-up of the whole promise.');
INSERT INTO "follow_ups" ("municipality_code", "follow_up_id", "level", "promise_id", "focus_area_id", "commitment_id", "date", "date_first", "date_last", "period_type", "period", "period_first", "period_last", "published", "status", "reason_sv", "reason_en", "actual_value", "summary_sv", "summary_sv_text", "summary_en", "summary_en_text") VALUES ('9999', '2031-trafik-1-ar', 'commitment', '2031', '2031-trafik', '2031-trafik-1', '2031-12-10', '2031-12-10', '2031-12-10', 'yearly', '2031', '2031-01-01', '2031-12-31', NULL, 'done', NULL, NULL, NULL, 'Fiktiv årsuppföljning.', 'Fiktiv årsuppföljning.', 'A fictional yearly follow-up.', 'A fictional yearly follow-up.');
INSERT INTO "follow_ups" ("municipality_code", "follow_up_id", "level", "promise_id", "focus_area_id", "commitment_id", "date", "date_first", "date_last", "period_type", "period", "period_first", "period_last", "published", "status", "reason_sv", "reason_en", "actual_value", "summary_sv", "summary_sv_text", "summary_en", "summary_en_text") VALUES ('9999', '2031-trafik-rapport', 'focus_area', '2031', '2031-trafik', NULL, NULL, NULL, NULL, NULL, '2031-VT', '2031-01-01', '2031-06-30', '2031-08', NULL, NULL, NULL, NULL, 'Fiktiv uppföljning av hela fokusområdet.', 'Fiktiv uppföljning av hela fokusområdet.', 'A fictional follow-up of the whole focus area.', 'A fictional follow-up of the whole focus area.');
CREATE TABLE "actions" (
  "municipality_code" TEXT NOT NULL,
  "follow_up_id" TEXT NOT NULL,
  "position" INTEGER NOT NULL,
  "date" TEXT,
  "date_first" TEXT,
  "date_last" TEXT,
  "count" REAL,
  "count_comparator" TEXT,
  "count_unit_sv" TEXT,
  "count_unit_en" TEXT,
  "description_sv" TEXT NOT NULL,
  "description_en" TEXT,
  "result_sv" TEXT,
  "result_en" TEXT,
  PRIMARY KEY ("municipality_code", "follow_up_id", "position")
);
INSERT INTO "actions" ("municipality_code", "follow_up_id", "position", "date", "date_first", "date_last", "count", "count_comparator", "count_unit_sv", "count_unit_en", "description_sv", "description_en", "result_sv", "result_en") VALUES ('9999', '2030-trygghet-1-t2', 1, '2030-08-20', '2030-08-20', '2030-08-20', 1, NULL, NULL, NULL, 'Fiktiv trygghetsvandring.', 'A fictional safety walk.', NULL, NULL);
INSERT INTO "actions" ("municipality_code", "follow_up_id", "position", "date", "date_first", "date_last", "count", "count_comparator", "count_unit_sv", "count_unit_en", "description_sv", "description_en", "result_sv", "result_en") VALUES ('9999', '2031-helarsrapport', 1, 'continuous', '2031-01-01', '2031-12-31', 12, 'about', 'möten', 'meetings', 'Fiktiva lägesbildsmöten hela året.', 'Fictional situation meetings all year.', NULL, NULL);
INSERT INTO "actions" ("municipality_code", "follow_up_id", "position", "date", "date_first", "date_last", "count", "count_comparator", "count_unit_sv", "count_unit_en", "description_sv", "description_en", "result_sv", "result_en") VALUES ('9999', '2031-trafik-rapport', 1, '2031-02', '2031-02-01', '2031-02-28', 3, 'at_least', 'kontroller', 'checks', 'Fiktiva hastighetskontroller vid skolor.', 'Fictional speed checks near schools.', 'Fiktivt resultat utan anmärkningar.', 'A fictional result without remarks.');
INSERT INTO "actions" ("municipality_code", "follow_up_id", "position", "date", "date_first", "date_last", "count", "count_comparator", "count_unit_sv", "count_unit_en", "description_sv", "description_en", "result_sv", "result_en") VALUES ('9999', '2031-trafik-rapport', 2, '2031-Q2', '2031-04-01', '2031-06-30', 1, NULL, NULL, NULL, 'Fiktiv informationskväll om trafik.', 'A fictional information evening on traffic.', NULL, NULL);
CREATE TABLE "evidence" (
  "municipality_code" TEXT NOT NULL,
  "follow_up_id" TEXT NOT NULL,
  "position" INTEGER NOT NULL,
  "url" TEXT NOT NULL,
  "title_sv" TEXT,
  "title_en" TEXT,
  PRIMARY KEY ("municipality_code", "follow_up_id", "position")
);
INSERT INTO "evidence" ("municipality_code", "follow_up_id", "position", "url", "title_sv", "title_en") VALUES ('9999', '2030-trygghet-1-t2', 1, 'https://example.org/fiktivt-protokoll', 'Fiktivt protokoll', 'Fictional minutes');
CREATE TABLE "action_actors" (
  "municipality_code" TEXT NOT NULL,
  "follow_up_id" TEXT NOT NULL,
  "action_position" INTEGER NOT NULL,
  "organisation_id" TEXT NOT NULL,
  "position" INTEGER NOT NULL,
  PRIMARY KEY ("municipality_code", "follow_up_id", "action_position", "organisation_id")
);
INSERT INTO "action_actors" ("municipality_code", "follow_up_id", "action_position", "organisation_id", "position") VALUES ('9999', '2031-helarsrapport', 1, 'polisen', 1);
INSERT INTO "action_actors" ("municipality_code", "follow_up_id", "action_position", "organisation_id", "position") VALUES ('9999', '2031-helarsrapport', 1, 'exempelby-kommun', 2);
INSERT INTO "action_actors" ("municipality_code", "follow_up_id", "action_position", "organisation_id", "position") VALUES ('9999', '2031-trafik-rapport', 1, 'polisen', 1);
INSERT INTO "action_actors" ("municipality_code", "follow_up_id", "action_position", "organisation_id", "position") VALUES ('9999', '2031-trafik-rapport', 1, 'fritid', 2);
INSERT INTO "action_actors" ("municipality_code", "follow_up_id", "action_position", "organisation_id", "position") VALUES ('9999', '2031-trafik-rapport', 2, 'exempelby-kommun', 1);
CREATE TABLE "sources" (
  "municipality_code" TEXT NOT NULL,
  "owner" TEXT NOT NULL,
  "owner_id" TEXT NOT NULL,
  "position" INTEGER NOT NULL,
  "url" TEXT NOT NULL,
  "title_sv" TEXT,
  "title_en" TEXT,
  "publisher_id" TEXT,
  "published" TEXT,
  "published_first" TEXT,
  "published_last" TEXT,
  PRIMARY KEY ("municipality_code", "owner", "owner_id", "position")
);
INSERT INTO "sources" ("municipality_code", "owner", "owner_id", "position", "url", "title_sv", "title_en", "publisher_id", "published", "published_first", "published_last") VALUES ('9999', 'promise', '2031', 1, 'https://example.org/fiktivt-medborgarlofte-2031', 'Fiktivt medborgarlöfte 2031', 'Fictional citizen promise 2031', 'exempelby-kommun', '2030-12-15', '2030-12-15', '2030-12-15');
INSERT INTO "sources" ("municipality_code", "owner", "owner_id", "position", "url", "title_sv", "title_en", "publisher_id", "published", "published_first", "published_last") VALUES ('9999', 'promise', '2031', 2, 'https://example.org/fiktiv-polissida-2031', NULL, NULL, 'polisen', NULL, NULL, NULL);
INSERT INTO "sources" ("municipality_code", "owner", "owner_id", "position", "url", "title_sv", "title_en", "publisher_id", "published", "published_first", "published_last") VALUES ('9999', 'follow_up', '2031-helarsrapport', 1, 'https://example.org/fiktiv-helarsrapport', 'Fiktiv helårsrapport', 'Fictional yearly report', 'exempelby-kommun', '2032-01', '2032-01-01', '2032-01-31');
INSERT INTO "sources" ("municipality_code", "owner", "owner_id", "position", "url", "title_sv", "title_en", "publisher_id", "published", "published_first", "published_last") VALUES ('9999', 'follow_up', '2031-trafik-rapport', 1, 'https://example.org/fiktiv-trafikrapport', 'Fiktiv trafikrapport', 'Fictional traffic report', 'exempelby-kommun', '2031-08', '2031-08-01', '2031-08-31');
CREATE TABLE "commitments_flat" (
  "municipality_code" TEXT NOT NULL,
  "commitment_id" TEXT NOT NULL,
  "promise_id" TEXT NOT NULL,
  "year" INTEGER,
  "theme_id" TEXT,
  "theme_sv" TEXT,
  "theme_en" TEXT,
  "focus_area_id" TEXT,
  "focus_area_sv" TEXT,
  "focus_area_en" TEXT,
  "text_sv" TEXT NOT NULL,
  "text_en" TEXT,
  "responsible_sv" TEXT,
  "responsible_en" TEXT,
  "status" TEXT NOT NULL,
  "status_sv" TEXT NOT NULL,
  "status_en" TEXT NOT NULL,
  "status_date" TEXT,
  "status_reason_sv" TEXT,
  "status_reason_en" TEXT,
  "url_sv" TEXT,
  "url_en" TEXT,
  PRIMARY KEY ("municipality_code", "commitment_id")
);
INSERT INTO "commitments_flat" ("municipality_code", "commitment_id", "promise_id", "year", "theme_id", "theme_sv", "theme_en", "focus_area_id", "focus_area_sv", "focus_area_en", "text_sv", "text_en", "responsible_sv", "responsible_en", "status", "status_sv", "status_en", "status_date", "status_reason_sv", "status_reason_en", "url_sv", "url_en") VALUES ('9999', '2030-trygghet-1', '2030', 2030, 'trygghet-och-nattliv', 'Trygghet och nattliv (fiktivt tema)', 'Safety and night life (fictional theme)', '2030-trygghet', 'Trygghet i centrum (fiktivt)', 'Safety in the town centre (fictional)', 'Fiktivt åtagande om trygghetsvandringar.', 'A fictional commitment on safety walks.', 'Polisen (fiktivt lokalpolisområde); Exempelby kommun (fiktiv)', 'The Police (fictional local police area); Exempelby Municipality (fictional)', 'delayed', 'Försenad', 'Delayed', '2030-09-15', 'Fiktivt skäl till förseningen.', 'A fictional reason for the delay.', 'https://www.example.org/medborgarloften/2030/trygghet/#2030-trygghet-1', 'https://www.example.org/medborgarloften/en/2030/trygghet/#2030-trygghet-1');
INSERT INTO "commitments_flat" ("municipality_code", "commitment_id", "promise_id", "year", "theme_id", "theme_sv", "theme_en", "focus_area_id", "focus_area_sv", "focus_area_en", "text_sv", "text_en", "responsible_sv", "responsible_en", "status", "status_sv", "status_en", "status_date", "status_reason_sv", "status_reason_en", "url_sv", "url_en") VALUES ('9999', '2030-trygghet-2', '2030', 2030, 'trygghet-och-nattliv', 'Trygghet och nattliv (fiktivt tema)', 'Safety and night life (fictional theme)', '2030-trygghet', 'Trygghet i centrum (fiktivt)', 'Safety in the town centre (fictional)', 'Fiktivt åtagande utan uppföljning.', 'A fictional commitment without follow-up.', 'Fritidsförvaltningen (fiktiv)', 'Fritidsförvaltningen (fiktiv)', 'not_assessed', 'Ej bedömd', 'Not yet assessed', NULL, NULL, NULL, 'https://www.example.org/medborgarloften/2030/trygghet/#2030-trygghet-2', 'https://www.example.org/medborgarloften/en/2030/trygghet/#2030-trygghet-2');
INSERT INTO "commitments_flat" ("municipality_code", "commitment_id", "promise_id", "year", "theme_id", "theme_sv", "theme_en", "focus_area_id", "focus_area_sv", "focus_area_en", "text_sv", "text_en", "responsible_sv", "responsible_en", "status", "status_sv", "status_en", "status_date", "status_reason_sv", "status_reason_en", "url_sv", "url_en") VALUES ('9999', '2031-trafik-1', '2031', 2031, 'trafik', 'Trafik (fiktivt tema)', 'Traffic (fictional theme)', '2031-trafik', 'Trafik (fiktivt)', 'Traffic (fictional)', 'Fiktivt åtagande om trafikkontroller.', NULL, 'Polisen (fiktivt lokalpolisområde)', 'The Police (fictional local police area)', 'done', 'Genomförd', 'Done', '2031-12-10', NULL, NULL, 'https://www.example.org/medborgarloften/2031/trafik/#2031-trafik-1', 'https://www.example.org/medborgarloften/en/2031/trafik/#2031-trafik-1');
INSERT INTO "commitments_flat" ("municipality_code", "commitment_id", "promise_id", "year", "theme_id", "theme_sv", "theme_en", "focus_area_id", "focus_area_sv", "focus_area_en", "text_sv", "text_en", "responsible_sv", "responsible_en", "status", "status_sv", "status_en", "status_date", "status_reason_sv", "status_reason_en", "url_sv", "url_en") VALUES ('9999', '2031-helalofte-1', '2031', 2031, NULL, NULL, NULL, NULL, NULL, NULL, 'Fiktivt åtagande för hela löftet om lägesbildsmöten.', 'A fictional commitment of the whole promise on situation meetings.', 'Polisen (fiktivt lokalpolisområde); Exempelby kommun (fiktiv)', 'The Police (fictional local police area); Exempelby Municipality (fictional)', 'not_assessed', 'Ej bedömd', 'Not yet assessed', NULL, NULL, NULL, 'https://www.example.org/medborgarloften/2031/#2031-helalofte-1', 'https://www.example.org/medborgarloften/en/2031/#2031-helalofte-1');
COMMIT;
