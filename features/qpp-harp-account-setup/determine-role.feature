@guide:qpp-harp-account-setup
Feature: Determine Role
  "Select one of two role types: Staff User or Security Official. Staff User
  can report data only. Security Official can report data and manage users."
  "Security Officials Manage Access ... for clinics who have multiple staff
  who need access within the QPP portal."

  Where the guide is silent we chose: a later user asks for one of the two
  roles, and the request waits until a Security Official other than the
  requester approves or rejects it; nobody decides their own request. Managing
  users is seeing the requests waiting, approving, rejecting and removing
  users; a Staff User may do none of it. An organization keeps a Security
  Official: the last one cannot be removed (the QPP Help Desk replaces one).

  Background:
    Given CMS's records list the Practice "Lakeside Family Medicine", TIN "41-1234567", where "Dr. Maya Patel" bills with NPI "1234567893" and PTAN "AB1234"
    And Priya Shah is the Security Official of "Lakeside Family Medicine"

  Rule: A later user chooses one of two role types
    @step:role-1
    Scenario: The two role types to choose from
      Given Ben Carter has a HARP account with her identity proofed
      When Ben selects "Manage Access", then "Connect to an Organization"
      Then he may choose the role "Staff User" or "Security Official"

    @step:role-1
    Scenario: A role the guide does not name is refused
      When Ben Carter asks to join "Lakeside Family Medicine" with the role "Office Manager"
      Then he is told "Role must be Staff User or Security Official."
      And Ben has no request waiting for "Lakeside Family Medicine"

  Rule: A Staff User reports data only
    @step:role-2
    Scenario: Ben, a Staff User, reports data and does not manage users
      Given Ben Carter is a Staff User of "Lakeside Family Medicine", approved by Priya
      Then Ben may report data for "Lakeside Family Medicine"
      And Ben may not manage the users of "Lakeside Family Medicine"

    @step:role-2
    Scenario: A Staff User cannot approve a request
      Given Ben Carter is a Staff User of "Lakeside Family Medicine", approved by Priya
      And Carla Diaz has asked to join "Lakeside Family Medicine" as a Staff User
      When Ben approves Carla's request
      Then he is told "Only a Security Official can manage users."
      And Carla's request to join "Lakeside Family Medicine" as a Staff User is waiting

  Rule: A Security Official reports data and manages users
    @step:role-3
    Scenario: Priya approves Ben's request
      Given Ben Carter has asked to join "Lakeside Family Medicine" as a Staff User
      When Priya approves Ben's request
      Then Ben is connected to "Lakeside Family Medicine" as a Staff User
      And Priya may report data for "Lakeside Family Medicine"
      And Priya may manage the users of "Lakeside Family Medicine"

    @step:role-3
    Scenario: The last Security Official cannot be removed
      When Priya removes Priya from "Lakeside Family Medicine"
      Then she is told "The organization must keep a Security Official. To replace one, contact the QPP Help Desk at 1-866-288-8292."
      And Priya is connected to "Lakeside Family Medicine" as a Security Official

  Rule: Security Officials manage the access of a clinic's staff
    @step:intro-4
    Scenario: Priya sees every request waiting for her clinic
      Given Ben Carter has asked to join "Lakeside Family Medicine" as a Staff User
      And Carla Diaz has asked to join "Lakeside Family Medicine" as a Security Official
      When Priya looks at the requests waiting for "Lakeside Family Medicine"
      Then she sees the request of Ben as a Staff User
      And she sees the request of Carla as a Security Official

    @step:intro-4
    Scenario: A Staff User does not see the requests waiting
      Given Ben Carter is a Staff User of "Lakeside Family Medicine", approved by Priya
      When Ben looks at the requests waiting for "Lakeside Family Medicine"
      Then he is told "Only a Security Official can manage users."

  Rule: A request waits for someone else's decision
    Where the guide is silent: nobody approves their own role request.

    @step:rules-9
    Scenario: Priya rejects Ben's request: nothing is granted
      Given Ben Carter has asked to join "Lakeside Family Medicine" as a Security Official
      When Priya rejects Ben's request
      Then Ben is not connected to "Lakeside Family Medicine"
      And Ben has no request waiting for "Lakeside Family Medicine"

    @step:rules-9
    Scenario: Ben cannot approve his own request to become Security Official
      Given Ben Carter is a Staff User of "Lakeside Family Medicine", approved by Priya
      And Ben has asked to join "Lakeside Family Medicine" as a Security Official
      When Ben approves her own request
      Then he is told "You cannot approve or reject your own request; another Security Official must."
      And Ben's request to join "Lakeside Family Medicine" as a Security Official is waiting
